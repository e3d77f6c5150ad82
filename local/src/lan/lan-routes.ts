/**
 * What LAN mode's one origin forwards where. Only what a browser uses is reachable: the app, the
 * GraphQL API and its real-time socket, Cognito's API endpoint, HLS playback and transwrap's ingest
 * socket. IVS's control plane, DynamoDB, transwrap's health check and Cognito's other paths are not
 * routed, so they stay on loopback whatever the network can reach.
 */
import { HLS_PATH } from '../ivs/hls/hls-server';

/** The loopback services behind the origin. */
export interface LanUpstreams {
  app: string;
  graphql: string;
  cognito: string;
  /** IVS's HTTP port (its HLS playback path only is routed). */
  ivs: string;
  /** Each transwrap instance's current origin (a replaced task may move), by instance number - 1. */
  transwrap: () => (string | undefined)[];
}

export interface Route {
  /** The upstream's origin. */
  target: string;
  /** The request target (path and query) to send it. */
  url: string;
}

/** The paths under the origin, as the app and the stack's URLs name them. */
export const LAN_PATHS = {
  graphql: '/graphql',
  realtime: '/graphql/realtime',
  cognito: '/cognito/',
  /** `/ingest/<instance number>`. */
  ingest: '/ingest/',
  playback: HLS_PATH,
};

function split(url: string): { path: string; query: string } {
  const at = url.indexOf('?');
  return at < 0 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at) };
}

/** Where an HTTP request goes; undefined means "not here" (404). */
export function httpRoute(upstreams: LanUpstreams, method: string, url: string): Route | undefined {
  const { path, query } = split(url);
  if (path === LAN_PATHS.graphql || path.startsWith(`${LAN_PATHS.graphql}/`))
    return { target: upstreams.graphql, url };
  if (path === LAN_PATHS.cognito) return { target: upstreams.cognito, url: `/${query}` };
  if (path.startsWith(LAN_PATHS.playback))
    return method === 'GET' || method === 'HEAD' ? { target: upstreams.ivs, url } : undefined;
  if (path.startsWith(LAN_PATHS.ingest)) return undefined;
  return { target: upstreams.app, url };
}

/** Where a WebSocket upgrade goes; undefined means "not here". */
export function upgradeRoute(upstreams: LanUpstreams, url: string): Route | undefined {
  const { path, query } = split(url);
  if (path === LAN_PATHS.realtime) return { target: upstreams.graphql, url };
  const instance = /^\/ingest\/([1-9][0-9]{0,2})$/.exec(path)?.[1];
  const target = instance === undefined ? undefined : upstreams.transwrap()[Number(instance) - 1];
  return target ? { target, url: `/ingest${query}` } : undefined;
}
