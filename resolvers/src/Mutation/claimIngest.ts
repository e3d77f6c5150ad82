/**
 * Mutation.claimIngest (IAM): pipeline getClaimingEndpoint -> redeemTicket -> getChannel (service)
 * -> refuseRevokedTicket -> getSeller (the owner) -> checkBroadcastQuotas -> recordClaim -> readIngest.
 */
import type { Context } from '@aws-appsync/utils';
import type { ClaimIngestStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationClaimIngestArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationClaimIngestArgs, ClaimIngestStash>) {
  identifier('ticket', ctx.args.ticket);
  identifier('endpointId', ctx.args.endpointId);
  return {};
}

export { response } from '../lib/pipeline';
