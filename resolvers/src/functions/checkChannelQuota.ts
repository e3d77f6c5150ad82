/**
 * channels table: refuses a new channel when the caller (ctx.stash.seller) is suspended or already
 * owns the deployment's channels per seller (lib/quotas.ts).
 */
import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { signedInUser } from '../lib/identity';
import { counted, quotasOf, refuseOverQuota } from '../lib/quotas';
import { raiseDataSourceError } from '../lib/results';
import { refuseIfSuspended } from '../lib/seller';
import type { CreateChannelStash } from '../lib/stash';

export function request(ctx: Context<unknown, CreateChannelStash>) {
  refuseIfSuspended(ctx.stash.seller);
  return query({
    index: 'byOwner',
    query: { owner: { eq: signedInUser(ctx).sub } },
    // DynamoDB takes a limit of 1 or more; a quota of 0 refuses on any answer.
    limit: Math.max(1, quotasOf(ctx).channelsPerSeller),
  });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const { channelsPerSeller } = quotasOf(ctx);
  const { items } = ctx.result as { items: unknown[] };
  if (items.length >= channelsPerSeller) {
    refuseOverQuota(
      `A seller may own ${counted(channelsPerSeller, 'channel')}. Delete one to create another.`,
      'channelsPerSeller',
      channelsPerSeller,
    );
  }
  return {};
}
