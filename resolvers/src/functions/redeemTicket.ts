/**
 * tickets table: marks a ticket used, atomically, only if it exists, is unused, has not expired
 * and was issued for the calling endpoint. Of any number of concurrent claims, one wins.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { TicketItem } from '../lib/ticket';
import type { MutationClaimIngestArgs } from '@golive/common/generated/schema-types';

export const INVALID_TICKET = 'InvalidTicket';

export function request(ctx: Context<MutationClaimIngestArgs>) {
  const now = util.time.nowEpochSeconds();
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ token: ctx.args.token }),
    update: {
      expression: 'SET usedAt = :usedAt',
      expressionValues: util.dynamodb.toMapValues({ ':usedAt': util.time.nowISO8601() }),
    },
    condition: {
      expression:
        'attribute_exists(#token) AND attribute_not_exists(usedAt) AND expiresAtEpoch > :now AND endpointId = :endpointId',
      expressionNames: { '#token': 'token' },
      expressionValues: util.dynamodb.toMapValues({ ':now': now, ':endpointId': ctx.args.endpointId }),
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    // One message for every refusal, so a caller learns nothing about which tickets exist.
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      util.error('The ticket is invalid, expired or already used.', INVALID_TICKET);
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  const ticket = ctx.result as TicketItem;
  ctx.stash.channelId = ticket.channelId;
  ctx.stash.access = 'service';
  return ticket;
}
