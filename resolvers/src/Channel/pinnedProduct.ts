/** Channel.pinnedProduct (products table): the pinned product as it is now; null once removed. */
import { runtime, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import type { ProductItem } from '../lib/product';
import { raiseDataSourceError } from '../lib/results';

/** A field of Channel: its source is the channel item the parent field resolved. */
type ChannelField = Context<unknown, Record<string, never>, undefined, ChannelItem> & { source: ChannelItem };

export function request(ctx: ChannelField) {
  if (!ctx.source.pinnedProductId) runtime.earlyReturn(null);
  return get({ key: { id: ctx.source.pinnedProductId } });
}

export function response(ctx: ChannelField) {
  raiseDataSourceError(ctx);
  const product = ctx.result as ProductItem | null;
  return product && product.channelId === ctx.source.id ? product : null;
}
