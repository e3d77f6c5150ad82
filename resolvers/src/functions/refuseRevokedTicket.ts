/**
 * NONE: refuses ctx.stash.ticket (just redeemed, so spent either way) when its channel was stopped
 * at or after it was issued. A stop revokes every ticket issued before it, the seller's and any
 * leaked one, without a scan of the tickets table: each ticket carries its issue time.
 */
import type { Context } from '@aws-appsync/utils';
import type { ClaimIngestStash } from '../lib/stash';
import { refuseStoppedTicket, revokedByStop } from '../lib/ticket';

export function request(ctx: Context<unknown, ClaimIngestStash>) {
  const { ticket, channel } = ctx.stash;
  if (revokedByStop(ticket, channel.stopRequestedAtMs)) refuseStoppedTicket();
  return { payload: null };
}

export function response(ctx: Context<unknown, ClaimIngestStash>) {
  return ctx.stash.channel;
}
