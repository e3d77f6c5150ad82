/**
 * channels table: records that ctx.stash.channel's broadcast was stopped on purpose, so transwrap
 * does not restart the relay that IVS is about to disconnect (see Query.broadcastStopped).
 */
import { util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';

export function request(ctx: Context) {
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: (ctx.stash.channel as ChannelItem).id }),
    update: {
      expression: 'SET stopRequestedAtMs = :now',
      expressionValues: util.dynamodb.toMapValues({ ':now': util.time.nowEpochMilliSeconds() }),
    },
    condition: { expression: 'attribute_exists(id)' },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.stash.channel as ChannelItem;
}
