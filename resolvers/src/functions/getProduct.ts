/** products table: loads ctx.stash.productId into ctx.stash.product; NotFound unless it is ctx.stash.channel's. */
import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { ProductItem } from '../lib/product';
import { NOT_FOUND, raiseDataSourceError } from '../lib/results';
import type { PinStash } from '../lib/stash';

export function request(ctx: Context<unknown, PinStash>) {
  return get({ key: { id: ctx.stash.productId } });
}

export function response(ctx: Context<unknown, PinStash>) {
  raiseDataSourceError(ctx);
  const product = ctx.result as ProductItem | null;
  if (!product || product.channelId !== ctx.stash.channel.id)
    util.error('Product not found in this channel.', NOT_FOUND);
  ctx.stash.product = product;
  return product;
}
