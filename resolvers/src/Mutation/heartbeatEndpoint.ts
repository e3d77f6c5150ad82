/** Mutation.heartbeatEndpoint (endpoints table, IAM): load figures every few seconds. */
import type { Context } from '@aws-appsync/utils';
import { CAPACITY_MAX } from '../lib/endpoint';
import { updatedEndpoint, updateEndpoint } from '../lib/endpoint-update';
import { identifier, range } from '../lib/validate';
import type { MutationHeartbeatEndpointArgs } from '@golive/common/generated/schema-types';

type Args = MutationHeartbeatEndpointArgs;

export function request(ctx: Context<Args>) {
  const { input } = ctx.args;
  return updateEndpoint(identifier('id', input.id), {
    sessions: range('sessions', input.sessions, 0, CAPACITY_MAX),
    load: range('load', input.load, 0, 1),
  });
}

export function response(ctx: Context) {
  return updatedEndpoint(ctx);
}
