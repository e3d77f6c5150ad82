/** Mutation.stopBroadcast: pipeline getChannel (owner or admin) -> stopIvsStream. */
import type { Context } from '@aws-appsync/utils';
import type { StopBroadcastStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationStopBroadcastArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationStopBroadcastArgs, StopBroadcastStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.access = 'ownerOrAdmin';
  return {};
}

export { response } from '../lib/pipeline';
