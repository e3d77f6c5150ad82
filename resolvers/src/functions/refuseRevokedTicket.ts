/**
 * NONE: refuses ctx.stash.ticket (just redeemed, so spent either way) when its channel was stopped
 * at or after it was issued. A stop revokes every ticket issued before it, the seller's and any
 * leaked one, without a scan of the tickets table: each ticket carries its issue time.
 */
import type { Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { refuseStoppedTicket, revokedByStop, type TicketItem } from '../lib/ticket';

export function request(ctx: Context) {
  const ticket = ctx.stash.ticket as TicketItem;
  const channel = ctx.stash.channel as ChannelItem;
  if (revokedByStop(ticket, channel.stopRequestedAtMs)) refuseStoppedTicket();
  return { payload: null };
}

export function response(ctx: Context) {
  return ctx.stash.channel as ChannelItem;
}
