/**
 * Query.broadcastStopped (IAM): pipeline findChannel -> getSeller. Was the broadcast stopped on
 * purpose since `since`: a stopBroadcast at or after it, the channel deleted, or its owner suspended?
 */
import { util, type Context } from '@aws-appsync/utils';
import { SUSPENDED } from '../lib/seller';
import type { BroadcastStoppedStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { QueryBroadcastStoppedArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryBroadcastStoppedArgs, BroadcastStoppedStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.since = util.time.parseISO8601ToEpochMilliSeconds(ctx.args.since);
  return {};
}

export function response(ctx: Context<QueryBroadcastStoppedArgs, BroadcastStoppedStash>) {
  const { channel, since, seller } = ctx.stash;
  if (!channel) return true; // deleted: nothing to broadcast to
  if ((channel.stopRequestedAtMs ?? 0) >= since) return true;
  return seller?.suspension === SUSPENDED;
}
