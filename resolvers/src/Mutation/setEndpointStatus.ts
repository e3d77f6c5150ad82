/** Mutation.setEndpointStatus (endpoints table, IAM): ACTIVE when ready, DRAINING on SIGTERM, STOPPED at exit. */
import type { Context } from '@aws-appsync/utils';
import type { EndpointItem } from '../lib/endpoint';
import { updatedEndpoint, updateEndpoint } from '../lib/endpoint-update';
import { identifier } from '../lib/validate';

export function request(ctx: Context<{ id: string; status: EndpointItem['status'] }>) {
  return updateEndpoint(identifier('id', ctx.args.id), { status: ctx.args.status });
}

export const response = updatedEndpoint;
