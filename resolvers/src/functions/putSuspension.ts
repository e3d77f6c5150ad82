/** sellers table: records that ctx.stash.sellerId is suspended, why and by whom; puts the item in ctx.stash.seller. */
import { util, type Context } from '@aws-appsync/utils';
import { update } from '@aws-appsync/utils/dynamodb';
import { signedInUser } from '../lib/identity';
import { raiseDataSourceError } from '../lib/results';
import { SUSPENDED, type SellerItem } from '../lib/seller';

export function request(ctx: Context) {
  return update<SellerItem>({
    key: { id: ctx.stash.sellerId as string },
    update: {
      suspension: SUSPENDED,
      suspendedAt: util.time.nowISO8601(),
      suspendedReason: ctx.stash.reason as string,
      suspendedBy: signedInUser(ctx).sub,
    },
  });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  ctx.stash.seller = ctx.result as SellerItem;
  return ctx.stash.seller as SellerItem;
}
