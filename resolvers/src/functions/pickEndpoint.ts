/**
 * endpoints table: puts the least-loaded live ACTIVE endpoint with room into ctx.stash.endpoint.
 *
 * A Query of the byStatus index (status, heartbeatAt) for ACTIVE endpoints that heartbeated within
 * HEARTBEAT_STALE_MS: the key condition alone excludes stopped and silent endpoints, so however
 * many rows the registry holds (tasks that died, rows TTL has not deleted yet), the read touches
 * only live endpoints, a few per running task. Every ACTIVE endpoint shares one index partition;
 * each heartbeat (every 5 s per task) is a write to it, far below a partition's 1,000 writes/s
 * even at the service's 10 tasks, and each startBroadcast reads a few items of it.
 */
import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { HEARTBEAT_STALE_MS, type EndpointItem } from '../lib/endpoint';
import { raiseDataSourceError } from '../lib/results';
import type { StartBroadcastStash } from '../lib/stash';

export function request() {
  const freshSince = util.time.epochMilliSecondsToISO8601(
    util.time.nowEpochMilliSeconds() - HEARTBEAT_STALE_MS,
  );
  return query<EndpointItem>({
    index: 'byStatus',
    query: { status: { eq: 'ACTIVE' }, heartbeatAt: { gt: freshSince } },
  });
}

export function response(ctx: Context<unknown, StartBroadcastStash>) {
  raiseDataSourceError(ctx);
  let best: EndpointItem | null = null;
  for (const endpoint of (ctx.result as { items: EndpointItem[] }).items) {
    const hasRoom = endpoint.sessions < endpoint.capacity;
    if (hasRoom && (best === null || endpoint.load < best.load)) best = endpoint;
  }
  if (best === null)
    util.error(
      'No ingest endpoint can take a broadcast right now. Try again shortly.',
      'NoEndpointAvailable',
    );
  ctx.stash.endpoint = best;
  return best;
}
