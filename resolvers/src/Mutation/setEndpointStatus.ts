/** Mutation.setEndpointStatus (endpoints table, IAM): ACTIVE when ready, DRAINING on SIGTERM, STOPPED at exit. */
import type { Context } from '@aws-appsync/utils';
import { updatedEndpoint, updateEndpoint } from '../lib/endpoint-update';
import { identifier } from '../lib/validate';
import type { MutationSetEndpointStatusArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationSetEndpointStatusArgs>) {
  return updateEndpoint(identifier('id', ctx.args.id), { status: ctx.args.status });
}

export const response = updatedEndpoint;
