/**
 * Query.broadcastStopped (IAM): pipeline findChannel -> getSeller. Was the broadcast stopped on
 * purpose since `since`: a stopBroadcast at or after it, the channel deleted, or its owner suspended?
 */
import { util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { SUSPENDED, type SellerItem } from '../lib/seller';
import { identifier } from '../lib/validate';
import type { QueryBroadcastStoppedArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryBroadcastStoppedArgs>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.since = util.time.parseISO8601ToEpochMilliSeconds(ctx.args.since);
  return {};
}

export function response(ctx: Context) {
  const channel = ctx.stash.channel as ChannelItem | null;
  if (!channel) return true; // deleted: nothing to broadcast to
  if ((channel.stopRequestedAtMs ?? 0) >= (ctx.stash.since as number)) return true;
  return (ctx.stash.seller as SellerItem | null)?.suspension === SUSPENDED;
}
