/** Mutation.renameChannel: pipeline getChannel (owner only) -> renameChannelItem. */
import type { Context } from '@aws-appsync/utils';
import type { RenameChannelStash } from '../lib/stash';
import { channelName, identifier } from '../lib/validate';
import type { MutationRenameChannelArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationRenameChannelArgs, RenameChannelStash>) {
  ctx.stash.channelId = identifier('id', ctx.args.id);
  ctx.stash.name = channelName(ctx.args.name);
  ctx.stash.access = 'owner';
  return {};
}

export { response } from '../lib/pipeline';
