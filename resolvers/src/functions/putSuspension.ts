/** sellers table: records that ctx.stash.sellerId is suspended, why and by whom; puts the item in ctx.stash.seller. */
import { util, type Context } from '@aws-appsync/utils';
import { update } from '@aws-appsync/utils/dynamodb';
import { signedInUser } from '../lib/identity';
import { raiseDataSourceError } from '../lib/results';
import { SUSPENDED, type SellerItem } from '../lib/seller';
import type { SuspendSellerStash } from '../lib/stash';

export function request(ctx: Context<unknown, SuspendSellerStash>) {
  return update<SellerItem>({
    key: { id: ctx.stash.sellerId },
    update: {
      suspension: SUSPENDED,
      suspendedAt: util.time.nowISO8601(),
      suspendedReason: ctx.stash.reason,
      suspendedBy: signedInUser(ctx).sub,
    },
  });
}

export function response(ctx: Context<unknown, SuspendSellerStash>) {
  raiseDataSourceError(ctx);
  ctx.stash.seller = ctx.result as SellerItem;
  return ctx.stash.seller;
}
