/**
 * endpoints table: loads the endpoint claiming a ticket (ctx.args.endpointId) into
 * ctx.stash.claimingEndpoint, so redeemTicket can also accept it at the url the ticket names.
 * An unregistered endpoint is refused like a bad ticket.
 */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { EndpointItem } from '../lib/endpoint';
import { raiseDataSourceError } from '../lib/results';
import type { ClaimIngestStash } from '../lib/stash';
import { refuseTicket } from '../lib/ticket';
import type { MutationClaimIngestArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationClaimIngestArgs, ClaimIngestStash>) {
  // Strongly consistent: a task that has just registered must find itself.
  return get<EndpointItem>({ key: { id: ctx.args.endpointId }, consistentRead: true });
}

export function response(ctx: Context<MutationClaimIngestArgs, ClaimIngestStash>) {
  raiseDataSourceError(ctx);
  const endpoint = ctx.result as EndpointItem | null;
  if (!endpoint) refuseTicket();
  ctx.stash.claimingEndpoint = endpoint;
  return endpoint;
}
