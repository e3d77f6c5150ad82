/**
 * Mutation.setEndpointStatus (endpoints table, IAM): transwrap says ACTIVE when ready, DRAINING on
 * SIGTERM, STOPPED at exit; EventBridge says STOPPED when ECS reports the task stopped, naming it
 * by task ARN (arn:aws:ecs:<region>:<account>:task/<cluster>/<task id>; the task id is the endpoint id).
 */
import { util, type Context } from '@aws-appsync/utils';
import { updatedEndpoint, updateEndpoint } from '../lib/endpoint-update';
import { identifier, VALIDATION_ERROR } from '../lib/validate';
import type { MutationSetEndpointStatusArgs } from '@golive/common/generated/schema-types';

function endpointIdOf(id: string): string {
  if (!id.startsWith('arn:')) return identifier('id', id);
  if (
    id.length > 300 ||
    !util.matches('^arn:aws:ecs:[a-z0-9-]+:[0-9]{12}:task/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$', id)
  ) {
    util.error('id is neither an endpoint id nor an ECS task ARN.', VALIDATION_ERROR);
  }
  return identifier('id', id.split('/')[2] ?? '');
}

export function request(ctx: Context<MutationSetEndpointStatusArgs>) {
  return updateEndpoint(endpointIdOf(ctx.args.id), { status: ctx.args.status });
}

export function response(ctx: Context) {
  return updatedEndpoint(ctx);
}
