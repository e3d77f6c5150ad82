/**
 * channels table: the channels of ctx.stash.sellerId that are not OFFLINE, into ctx.stash.onAir:
 * what a suspension must cut. Any status but OFFLINE counts, however old: stopping a stream IVS
 * no longer has costs nothing.
 */
import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';

export function request(ctx: Context) {
  return query<ChannelItem>({
    index: 'byOwner',
    query: { owner: { eq: ctx.stash.sellerId as string } },
    filter: { status: { ne: 'OFFLINE' } },
  });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  ctx.stash.onAir = (ctx.result as { items: ChannelItem[] }).items;
  return ctx.stash.onAir as ChannelItem[];
}
