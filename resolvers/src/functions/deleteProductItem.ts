/** products table: deletes ctx.stash.productId, only if it is ctx.stash.channel's; returns it. */
import { util, type Context } from '@aws-appsync/utils';
import { productNotInChannel, productOfChannel, type ProductItem } from '../lib/product';
import type { ProductStash } from '../lib/stash';

export function request(ctx: Context<unknown, ProductStash>) {
  return {
    operation: 'DeleteItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.productId }),
    condition: productOfChannel(ctx.stash.channel.id),
  };
}

export function response(ctx: Context<unknown, ProductStash>) {
  productNotInChannel(ctx);
  return ctx.result as ProductItem;
}
