/** The ingest ticket item as stored in the tickets table. */
import { util } from '@aws-appsync/utils';

export interface TicketItem {
  token: string;
  channelId: string;
  owner: string;
  endpointId: string;
  /**
   * The url of the endpoint it was issued for: the front door the browser connects to. Behind a
   * load balancer several endpoints share it, and whichever of them gets the connection claims.
   */
  endpointUrl: string;
  /**
   * When it was issued (epoch ms, the API's clock). A stopBroadcast at or after this moment revokes
   * it, and is what transwrap asks about while the broadcast starts (Query.broadcastStopped).
   */
  issuedAtMs: number;
  expiresAt: string;
  /** DynamoDB TTL attribute (seconds). TTL deletes late, so reads check expiresAt themselves. */
  expiresAtEpoch: number;
  usedAt?: string | null;
}

/** Long enough for a phone to open a WebSocket; short enough that a leaked ticket is worthless. */
export const TICKET_LIFETIME_SECONDS = 60;

export const INVALID_TICKET = 'InvalidTicket';

/** One message for every refusal, so a caller learns nothing about which tickets or endpoints exist. */
export function refuseTicket(): never {
  return util.error('The ticket is invalid, expired or already used.', INVALID_TICKET);
}

export const BROADCAST_STOPPED = 'BroadcastStopped';

/**
 * A ticket revoked by a stop. Its own error type, not InvalidTicket: transwrap tells the
 * broadcaster the broadcast was stopped (4012, do not reconnect), where a bad ticket (4004) would
 * send it for a new ticket and put the broadcast back on air right after the stop.
 */
export function refuseStoppedTicket(): never {
  return util.error('The broadcast was stopped after this ticket was issued.', BROADCAST_STOPPED);
}

/** Whether a stop of its channel came at or after the ticket was issued. */
export function revokedByStop(ticket: TicketItem, stopRequestedAtMs: number | undefined): boolean {
  return stopRequestedAtMs !== undefined && stopRequestedAtMs >= (ticket.issuedAtMs ?? 0);
}
