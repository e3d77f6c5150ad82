/**
 * channels table: records on ctx.stash.channel when the ticket just claimed was issued, so that a
 * broadcast claimed with an earlier ticket knows it has been taken over (Query.broadcastTakenOver):
 * the seller went live again, maybe on another transwrap, while the old one still held the stream.
 * Only ever moves forward: of two claims racing, the later ticket's stays.
 */
import { util, type Context } from '@aws-appsync/utils';
import { conditionFailed, raiseDataSourceError } from '../lib/results';
import type { ClaimIngestStash } from '../lib/stash';

export function request(ctx: Context<unknown, ClaimIngestStash>) {
  const issuedAtMs = ctx.stash.ticket.issuedAtMs;
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.channel.id }),
    update: {
      expression: 'SET claimedTicketIssuedAtMs = :issued',
      expressionValues: util.dynamodb.toMapValues({ ':issued': issuedAtMs }),
    },
    condition: {
      expression:
        'attribute_exists(id) AND (attribute_not_exists(claimedTicketIssuedAtMs) OR claimedTicketIssuedAtMs < :issued)',
    },
  };
}

export function response(ctx: Context<unknown, ClaimIngestStash>) {
  // A later ticket was claimed already (or the channel has just gone): this claim is the old one.
  if (!conditionFailed(ctx)) raiseDataSourceError(ctx);
  return ctx.stash.channel;
}
