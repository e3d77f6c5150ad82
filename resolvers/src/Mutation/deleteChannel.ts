/** Mutation.deleteChannel: pipeline getChannel (owner or admin) -> deleteIvsChannel -> deleteChannelItem. */
import type { Context } from '@aws-appsync/utils';
import type { DeleteChannelStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationDeleteChannelArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationDeleteChannelArgs, DeleteChannelStash>) {
  ctx.stash.channelId = identifier('id', ctx.args.id);
  ctx.stash.access = 'ownerOrAdmin';
  return {};
}

export { response } from '../lib/pipeline';
