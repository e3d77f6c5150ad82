/** endpoints table: puts the least-loaded live ACTIVE endpoint with room into ctx.stash.endpoint. */
import { util, type Context } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';
import { HEARTBEAT_STALE_MS, type EndpointItem } from '../lib/endpoint';
import { raiseDataSourceError } from '../lib/results';

export function request() {
  return scan<EndpointItem>({ filter: { status: { eq: 'ACTIVE' } } });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const oldest = util.time.nowEpochMilliSeconds() - HEARTBEAT_STALE_MS;
  let best: EndpointItem | null = null;
  for (const endpoint of (ctx.result as { items: EndpointItem[] }).items) {
    const fresh = util.time.parseISO8601ToEpochMilliSeconds(endpoint.heartbeatAt) >= oldest;
    const hasRoom = endpoint.sessions < endpoint.capacity;
    if (fresh && hasRoom && (best === null || endpoint.load < best.load)) best = endpoint;
  }
  if (best === null)
    util.error(
      'No ingest endpoint can take a broadcast right now. Try again shortly.',
      'NoEndpointAvailable',
    );
  ctx.stash.endpoint = best;
  return best;
}
