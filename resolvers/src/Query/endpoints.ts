/**
 * Query.endpoints (endpoints table): transwrap endpoints a page at a time. The schema admits admins
 * only. With a status, a Query of the byStatus index, the latest heartbeat first (ACTIVE: the
 * endpoints taking broadcasts, however many stopped ones the registry still holds); without, a
 * page of the whole table (rows expire a day after an endpoint's last word, lib/endpoint.ts).
 */
import type { Context } from '@aws-appsync/utils';
import { query, scan } from '@aws-appsync/utils/dynamodb';
import type { EndpointItem } from '../lib/endpoint';
import { page } from '../lib/results';
import { pageSize } from '../lib/validate';
import type { QueryEndpointsArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryEndpointsArgs>) {
  const { status, limit, nextToken } = ctx.args;
  const paging = { limit: pageSize(limit), nextToken: nextToken ?? undefined };
  if (!status) return scan<EndpointItem>(paging);
  return query<EndpointItem>({
    index: 'byStatus',
    query: { status: { eq: status } },
    scanIndexForward: false,
    ...paging,
  });
}

export function response(ctx: Context) {
  return page(ctx);
}
