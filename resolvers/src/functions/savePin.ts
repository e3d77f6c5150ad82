/**
 * channels table: records ctx.stash's pin on the channel, unless a later pin is there already
 * (two taps racing: the later one stays).
 */
import { util, type Context } from '@aws-appsync/utils';
import { conditionFailed, raiseDataSourceError } from '../lib/results';
import type { PinStash } from '../lib/stash';

export function request(ctx: Context<unknown, PinStash>) {
  const { productId, pinAtMs } = ctx.stash;
  const values = {
    ':atMs': pinAtMs,
    ':at': util.time.epochMilliSecondsToISO8601(pinAtMs),
    ...(productId ? { ':productId': productId } : {}),
  };
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.channel.id }),
    update: {
      expression: productId
        ? 'SET pinnedProductId = :productId, pinnedAt = :at, pinnedAtMs = :atMs'
        : 'SET pinnedAt = :at, pinnedAtMs = :atMs REMOVE pinnedProductId',
      expressionValues: util.dynamodb.toMapValues(values),
    },
    condition: {
      expression: 'attribute_exists(id) AND (attribute_not_exists(pinnedAtMs) OR pinnedAtMs <= :atMs)',
    },
  };
}

export function response(ctx: Context<unknown, PinStash>) {
  // A later pin won: this one is already past, which is no error for the seller.
  if (!conditionFailed(ctx)) raiseDataSourceError(ctx);
  return null;
}
