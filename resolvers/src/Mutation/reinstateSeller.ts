/** Mutation.reinstateSeller (sellers table, admins): lifts a suspension. Reinstating a seller in good standing changes nothing. */
import type { Context } from '@aws-appsync/utils';
import { operations, update } from '@aws-appsync/utils/dynamodb';
import { requireAdmin } from '../lib/identity';
import { raiseDataSourceError } from '../lib/results';
import { sellerView, type SellerItem } from '../lib/seller';
import { identifier } from '../lib/validate';
import type { MutationReinstateSellerArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationReinstateSellerArgs>) {
  requireAdmin(ctx);
  return update({
    key: { id: identifier('userId', ctx.args.userId) },
    update: {
      suspension: operations.remove(),
      suspendedAt: operations.remove(),
      suspendedReason: operations.remove(),
      suspendedBy: operations.remove(),
    },
  });
}

export function response(ctx: Context<MutationReinstateSellerArgs>) {
  raiseDataSourceError(ctx);
  return sellerView(ctx.args.userId, ctx.result as SellerItem);
}
