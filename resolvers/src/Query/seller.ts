/** Query.seller (sellers table, admins): one seller's standing and this month's live hours. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { requireAdmin } from '../lib/identity';
import { raiseDataSourceError } from '../lib/results';
import { sellerView, type SellerItem } from '../lib/seller';
import { identifier } from '../lib/validate';
import type { QuerySellerArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QuerySellerArgs>) {
  requireAdmin(ctx);
  return get<SellerItem>({ key: { id: identifier('userId', ctx.args.userId) } });
}

export function response(ctx: Context<QuerySellerArgs>) {
  raiseDataSourceError(ctx);
  return sellerView(ctx.args.userId, ctx.result as SellerItem | null);
}
