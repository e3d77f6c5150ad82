/** products table: replaces the fields of ctx.stash.productId, only if it is ctx.stash.channel's. */
import { util, type Context } from '@aws-appsync/utils';
import { productNotInChannel, productOfChannel, type ProductItem } from '../lib/product';
import type { ProductStash } from '../lib/stash';

export function request(ctx: Context<unknown, ProductStash>) {
  const { title, price, currency, imageUrl, buyUrl, description } = ctx.stash.product;
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.productId }),
    update: {
      expression:
        'SET title = :title, price = :price, currency = :currency, imageUrl = :imageUrl, buyUrl = :buyUrl, description = :description, updatedAt = :now',
      expressionValues: util.dynamodb.toMapValues({
        ':title': title,
        ':price': price,
        ':currency': currency,
        ':imageUrl': imageUrl,
        ':buyUrl': buyUrl,
        ':description': description,
        ':now': util.time.nowISO8601(),
      }),
    },
    condition: productOfChannel(ctx.stash.channel.id),
  };
}

export function response(ctx: Context<unknown, ProductStash>) {
  productNotInChannel(ctx);
  return ctx.result as ProductItem;
}
