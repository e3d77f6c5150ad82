/** tickets table: issues a single-use ticket for ctx.stash.channel at ctx.stash.endpoint. */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import { raiseDataSourceError } from '../lib/results';
import type { StartBroadcastStash } from '../lib/stash';
import { TICKET_LIFETIME_SECONDS, type TicketItem } from '../lib/ticket';

export function request(ctx: Context<unknown, StartBroadcastStash>) {
  const { channel, endpoint } = ctx.stash;
  const issuedAtMs = util.time.nowEpochMilliSeconds();
  const expiresAtEpoch = Math.floor(issuedAtMs / 1000) + TICKET_LIFETIME_SECONDS;
  // Two v4 UUIDs: 244 random bits, unguessable.
  const token = `${util.autoId()}${util.autoId()}`.split('-').join('');
  const item: TicketItem = {
    token,
    channelId: channel.id,
    owner: channel.owner,
    endpointId: endpoint.id,
    endpointUrl: endpoint.url,
    issuedAtMs,
    expiresAt: util.time.epochMilliSecondsToISO8601(expiresAtEpoch * 1000),
    expiresAtEpoch,
  };
  return put({ key: { token }, item, condition: { token: { attributeExists: false } } });
}

export function response(ctx: Context<unknown, StartBroadcastStash>) {
  raiseDataSourceError(ctx);
  const ticket = ctx.result as TicketItem;
  const { endpoint } = ctx.stash;
  return { url: endpoint.url, ticket: ticket.token, expiresAt: ticket.expiresAt, endpoint };
}
