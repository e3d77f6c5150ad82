/** Query.liveChannels (channels table, byStatus index): channels on air, latest change first. */
import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { page } from '../lib/results';
import { pageSize } from '../lib/validate';
import type { QueryLiveChannelsArgs } from '@golive/common/generated/schema-types';

type Args = QueryLiveChannelsArgs;

export function request(ctx: Context<Args>) {
  return query({
    index: 'byStatus',
    query: { status: { eq: 'LIVE' } },
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? undefined,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  return page(ctx);
}
