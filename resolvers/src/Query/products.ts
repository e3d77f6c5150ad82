/** Query.products (products table, byChannel index): a channel's products, oldest first. */
import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { page } from '../lib/results';
import { identifier, pageSize } from '../lib/validate';
import type { QueryProductsArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryProductsArgs>) {
  return query({
    index: 'byChannel',
    query: { channelId: { eq: identifier('channelId', ctx.args.channelId) } },
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? undefined,
    scanIndexForward: true,
  });
}

export function response(ctx: Context) {
  return page(ctx);
}
