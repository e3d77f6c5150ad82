/** Channel.pinnedProduct (products table): the pinned product as it is now; null once removed. */
import { runtime } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { ChannelField } from '../lib/channel';
import type { ProductItem } from '../lib/product';
import { raiseDataSourceError } from '../lib/results';

export function request(ctx: ChannelField) {
  if (!ctx.source.pinnedProductId) runtime.earlyReturn(null);
  return get({ key: { id: ctx.source.pinnedProductId } });
}

export function response(ctx: ChannelField) {
  raiseDataSourceError(ctx);
  const product = ctx.result as ProductItem | null;
  return product && product.channelId === ctx.source.id ? product : null;
}
