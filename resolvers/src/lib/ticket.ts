/** The ingest ticket item as stored in the tickets table. */
export interface TicketItem {
  token: string;
  channelId: string;
  owner: string;
  endpointId: string;
  expiresAt: string;
  /** DynamoDB TTL attribute (seconds). TTL deletes late, so reads check expiresAt themselves. */
  expiresAtEpoch: number;
  usedAt?: string | null;
}

/** Long enough for a phone to open a WebSocket; short enough that a leaked ticket is worthless. */
export const TICKET_LIFETIME_SECONDS = 60;
