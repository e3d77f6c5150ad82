/** products table: refuses another product once ctx.stash.channel has PRODUCTS_PER_CHANNEL. */
import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { PRODUCTS_PER_CHANNEL } from '../lib/product';
import { QUOTA_EXCEEDED } from '../lib/quotas';
import { raiseDataSourceError } from '../lib/results';
import type { ProductStash } from '../lib/stash';

export function request(ctx: Context<unknown, ProductStash>) {
  return query({
    index: 'byChannel',
    query: { channelId: { eq: ctx.stash.channel.id } },
    limit: PRODUCTS_PER_CHANNEL,
  });
}

export function response(ctx: Context<unknown, ProductStash>) {
  raiseDataSourceError(ctx);
  const { items } = ctx.result as { items: unknown[] };
  if (items.length >= PRODUCTS_PER_CHANNEL)
    util.error(
      `A channel holds at most ${PRODUCTS_PER_CHANNEL} products. Remove one to add another.`,
      QUOTA_EXCEEDED,
      null,
      { quota: 'productsPerChannel', limit: PRODUCTS_PER_CHANNEL },
    );
  return {};
}
