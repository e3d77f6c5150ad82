/**
 * tickets table: marks a ticket used, atomically, only if it exists, is unused, has not expired
 * and is claimed at the front door it names: by the endpoint it was issued for, or by one sharing
 * that endpoint's url (tasks behind one load balancer, which picks the task, not the ticket).
 * Of any number of concurrent claims, one wins.
 */
import { util, type Context } from '@aws-appsync/utils';
import { conditionFailed, raiseDataSourceError } from '../lib/results';
import type { ClaimIngestStash } from '../lib/stash';
import { refuseTicket, type TicketItem } from '../lib/ticket';
import type { MutationClaimIngestArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationClaimIngestArgs, ClaimIngestStash>) {
  const now = util.time.nowEpochSeconds();
  const claiming = ctx.stash.claimingEndpoint;
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ token: ctx.args.ticket }),
    update: {
      expression: 'SET usedAt = :usedAt',
      expressionValues: util.dynamodb.toMapValues({ ':usedAt': util.time.nowISO8601() }),
    },
    condition: {
      expression:
        'attribute_exists(#token) AND attribute_not_exists(usedAt) AND expiresAtEpoch > :now AND (endpointId = :endpointId OR endpointUrl = :url)',
      expressionNames: { '#token': 'token' },
      expressionValues: util.dynamodb.toMapValues({
        ':now': now,
        ':endpointId': ctx.args.endpointId,
        ':url': claiming.url,
      }),
    },
  };
}

export function response(ctx: Context<MutationClaimIngestArgs, ClaimIngestStash>) {
  if (conditionFailed(ctx)) refuseTicket();
  raiseDataSourceError(ctx);
  const ticket = ctx.result as TicketItem;
  ctx.stash.ticket = ticket;
  ctx.stash.channelId = ticket.channelId;
  ctx.stash.access = 'service';
  return ticket;
}
