/** Query.myChannels (channels table, byOwner index): the caller's channels, newest first. */
import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { signedInUser } from '../lib/identity';
import { page } from '../lib/results';
import { pageSize } from '../lib/validate';
import type { QueryMyChannelsArgs } from '@golive/common/generated/schema-types';

type Args = QueryMyChannelsArgs;

export function request(ctx: Context<Args>) {
  return query({
    index: 'byOwner',
    query: { owner: { eq: signedInUser(ctx).sub } },
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? undefined,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  return page(ctx);
}
