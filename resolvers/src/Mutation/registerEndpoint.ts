/** Mutation.registerEndpoint (endpoints table, IAM): a transwrap instance announces itself (again). */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import { CAPACITY_MAX, endpointExpiry, type EndpointItem } from '../lib/endpoint';
import { raiseDataSourceError } from '../lib/results';
import { identifier, range, VALIDATION_ERROR } from '../lib/validate';
import type { MutationRegisterEndpointArgs } from '@golive/common/generated/schema-types';

type Args = MutationRegisterEndpointArgs;

export function request(ctx: Context<Args>) {
  const { input } = ctx.args;
  if (input.url.length > 2048) util.error('url must be at most 2048 characters.', VALIDATION_ERROR);
  const now = util.time.nowISO8601();
  const item: EndpointItem = {
    id: identifier('id', input.id),
    url: input.url,
    region: identifier('region', input.region),
    status: input.status ?? 'STARTING',
    sessions: 0,
    capacity: range('capacity', input.capacity, 0, CAPACITY_MAX),
    load: 0,
    heartbeatAt: now,
    startedAt: now,
    expiresAtEpoch: endpointExpiry(),
  };
  return put({ key: { id: item.id }, item });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result as EndpointItem;
}
