/** The endpoint item as stored in the endpoints table (the GraphQL Endpoint). */
export interface EndpointItem {
  id: string;
  url: string;
  region: string;
  status: 'STARTING' | 'ACTIVE' | 'DRAINING' | 'STOPPED';
  sessions: number;
  capacity: number;
  load: number;
  heartbeatAt: string;
  startedAt: string;
}

/** An endpoint that has not heartbeated for this long is presumed gone (it heartbeats every few seconds). */
export const HEARTBEAT_STALE_MS = 30000;
export const CAPACITY_MAX = 10000;
