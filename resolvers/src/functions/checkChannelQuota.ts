/** channels table: refuses a new channel when the caller already owns CHANNELS_PER_SELLER. */
import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { CHANNELS_PER_SELLER } from '../lib/channel';
import { signedInUser } from '../lib/identity';
import { raiseDataSourceError } from '../lib/results';

export function request(ctx: Context) {
  return query({
    index: 'byOwner',
    query: { owner: { eq: signedInUser(ctx).sub } },
    limit: CHANNELS_PER_SELLER,
  });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const { items } = ctx.result as { items: unknown[] };
  if (items.length >= CHANNELS_PER_SELLER) {
    util.error(`A seller may own at most ${CHANNELS_PER_SELLER} channels.`, 'QuotaExceeded');
  }
  return {};
}
