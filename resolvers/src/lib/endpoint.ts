import type { Endpoint } from '@golive/common/generated/schema-types';

/** The endpoint item as stored in the endpoints table is the GraphQL Endpoint. */
export type EndpointItem = Endpoint;

/** An endpoint that has not heartbeated for this long is presumed gone (it heartbeats every few seconds). */
export const HEARTBEAT_STALE_MS = 30000;
export const CAPACITY_MAX = 10000;
