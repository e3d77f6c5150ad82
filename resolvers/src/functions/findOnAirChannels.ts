/**
 * channels table: the channels of ctx.stash.sellerId that are not OFFLINE, into ctx.stash.onAir:
 * what a suspension must cut. Any status but OFFLINE counts, however old: stopping a stream IVS
 * no longer has costs nothing.
 */
import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';
import type { SuspendSellerStash } from '../lib/stash';

export function request(ctx: Context<unknown, SuspendSellerStash>) {
  return query<ChannelItem>({
    index: 'byOwner',
    query: { owner: { eq: ctx.stash.sellerId } },
    filter: { status: { ne: 'OFFLINE' } },
  });
}

export function response(ctx: Context<unknown, SuspendSellerStash>) {
  raiseDataSourceError(ctx);
  ctx.stash.onAir = (ctx.result as { items: ChannelItem[] }).items;
  return ctx.stash.onAir;
}
