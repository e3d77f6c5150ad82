/** The endpoint item as stored in the endpoints table, and how long the registry remembers one. */
import { util } from '@aws-appsync/utils';
import type { Endpoint } from '@golive/common/generated/schema-types';

export interface EndpointItem extends Endpoint {
  /**
   * DynamoDB TTL attribute (seconds): every register, heartbeat and status change sets it
   * ENDPOINT_RETENTION_SECONDS ahead, so a running task never expires and one that stopped (or
   * died without saying so) is deleted a day after its last word. TTL deletes late (up to days):
   * nothing reads an endpoint as live because it still exists (HEARTBEAT_STALE_MS decides that).
   */
  expiresAtEpoch: number;
}

/** An endpoint that has not heartbeated for this long is presumed gone (it heartbeats every few seconds). */
export const HEARTBEAT_STALE_MS = 30000;
export const CAPACITY_MAX = 10000;

/** How long an endpoint's row outlives its last heartbeat or status change: the admins' recent history. */
export const ENDPOINT_RETENTION_SECONDS = 24 * 60 * 60;

export function endpointExpiry(): number {
  return util.time.nowEpochSeconds() + ENDPOINT_RETENTION_SECONDS;
}
