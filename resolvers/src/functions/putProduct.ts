/** products table: stores a new product of ctx.stash.channel (ids are new, so never overwrites). */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import type { ProductItem } from '../lib/product';
import { raiseDataSourceError } from '../lib/results';
import type { ProductStash } from '../lib/stash';

export function request(ctx: Context<unknown, ProductStash>) {
  const now = util.time.nowISO8601();
  const item: ProductItem = {
    ...ctx.stash.product,
    id: ctx.stash.productId,
    channelId: ctx.stash.channel.id,
    createdAt: now,
    updatedAt: now,
  };
  return put({ key: { id: item.id }, item, condition: { id: { attributeExists: false } } });
}

export function response(ctx: Context<unknown, ProductStash>) {
  raiseDataSourceError(ctx);
  return ctx.result as ProductItem;
}
