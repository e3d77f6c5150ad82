/**
 * sellers table: loads the seller (ctx.stash.sellerId, else the owner of ctx.stash.channel) into
 * ctx.stash.seller: their suspension and live seconds. A seller with no item yet is in good
 * standing with nothing used (stash.seller is null); with no seller to look up (a channel that
 * is gone), the read is skipped.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseDataSourceError } from '../lib/results';
import type { SellerItem } from '../lib/seller';
import type { SellerStash } from '../lib/stash';

export function request(ctx: Context<unknown, SellerStash>) {
  const id = ctx.stash.sellerId ?? ctx.stash.channel?.owner;
  if (!id) runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return get<SellerItem>({ key: { id } });
}

export function response(ctx: Context<unknown, SellerStash>) {
  raiseDataSourceError(ctx);
  ctx.stash.seller = (ctx.result as SellerItem | null) ?? null;
  return ctx.stash.seller;
}
