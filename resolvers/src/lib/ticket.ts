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
