/** Query.broadcastStopped (channels table, IAM): was the broadcast stopped on purpose since `since`? */
import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';
import { identifier } from '../lib/validate';
import type { QueryBroadcastStoppedArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryBroadcastStoppedArgs>) {
  return get({ key: { id: identifier('channelId', ctx.args.channelId) } });
}

export function response(ctx: Context<QueryBroadcastStoppedArgs>) {
  raiseDataSourceError(ctx);
  const channel = ctx.result as ChannelItem | null;
  if (!channel) return true; // deleted: nothing to broadcast to
  const since = util.time.parseISO8601ToEpochMilliSeconds(ctx.args.since);
  return (channel.stopRequestedAtMs ?? 0) >= since;
}
