/** products table: loads ctx.stash.productId into ctx.stash.product; NotFound unless it is ctx.stash.channel's. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { productIn, type ProductItem } from '../lib/product';
import { raiseDataSourceError } from '../lib/results';
import type { PinStash } from '../lib/stash';

export function request(ctx: Context<unknown, PinStash>) {
  return get({ key: { id: ctx.stash.productId } });
}

export function response(ctx: Context<unknown, PinStash>) {
  raiseDataSourceError(ctx);
  ctx.stash.product = productIn(ctx.stash.channel.id, ctx.result as ProductItem | null);
  return ctx.stash.product;
}
