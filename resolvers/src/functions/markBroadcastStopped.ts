/**
 * channels table: records that ctx.stash.channel's broadcast was stopped on purpose, so transwrap
 * does not restart the relay that IVS is about to disconnect (see Query.broadcastStopped).
 */
import { util, type Context } from '@aws-appsync/utils';
import { raiseDataSourceError } from '../lib/results';
import type { StopBroadcastStash } from '../lib/stash';

export function request(ctx: Context<unknown, StopBroadcastStash>) {
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.channel.id }),
    update: {
      expression: 'SET stopRequestedAtMs = :now',
      expressionValues: util.dynamodb.toMapValues({ ':now': util.time.nowEpochMilliSeconds() }),
    },
    condition: { expression: 'attribute_exists(id)' },
  };
}

export function response(ctx: Context<unknown, StopBroadcastStash>) {
  raiseDataSourceError(ctx);
  return ctx.stash.channel;
}
