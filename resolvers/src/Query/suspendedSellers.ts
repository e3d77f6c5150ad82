/** Query.suspendedSellers (sellers table, bySuspension index, admins): the latest suspension first. */
import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { Seller } from '@golive/common/generated/schema-types';
import { requireAdmin } from '../lib/identity';
import { page } from '../lib/results';
import { sellerView, SUSPENDED, type SellerItem } from '../lib/seller';
import { pageSize } from '../lib/validate';
import type { QuerySuspendedSellersArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QuerySuspendedSellersArgs>) {
  requireAdmin(ctx);
  return query<SellerItem>({
    index: 'bySuspension',
    query: { suspension: { eq: SUSPENDED } },
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? undefined,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  const { items, nextToken } = page<SellerItem>(ctx);
  const sellers: Seller[] = [];
  for (const item of items) sellers.push(sellerView(item.id, item));
  return { items: sellers, nextToken };
}
