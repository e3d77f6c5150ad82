/**
 * The JavaScript a route costs a visitor with nothing cached: every JavaScript response the page
 * loads until the network has been quiet for a while, each body gzipped at level 9 the way a
 * compressing host would send it (the local host sends files as they are, so the transfer size
 * would overstate it). Video.js is recognised by what is in the files, not by their names, so a
 * chunk that bundles it under another name still counts.
 */
import { gzipSync } from 'node:zlib';
import type { Page, Request, Response } from 'playwright-core';

export interface ScriptFile {
  /** Path on the app's host, e.g. /assets/index-B74X_YJA.js. */
  path: string;
  bytes: number;
  gzipBytes: number;
  /** How the host sent it (content-encoding): `identity` when uncompressed. */
  encoding: string;
  videojs: boolean;
}

export interface RouteJavascript {
  route: string;
  gzipBytes: number;
  bytes: number;
  videojs: boolean;
  files: ScriptFile[];
}

/** Strings only Video.js's own code carries, minified or not: its style opt-out global, its classes. */
const VIDEOJS_MARKERS = ['VIDEOJS_NO_DYNAMIC_STYLE', 'vjs-tech', 'vjs-control-bar'];

/** How long the network must stay quiet before the route counts as loaded (lazy chunks included). */
const QUIET_MS = 1500;
const LOAD_TIMEOUT_MS = 60_000;

export function containsVideojs(source: string): boolean {
  return VIDEOJS_MARKERS.some((marker) => source.includes(marker));
}

/**
 * Records the scripts the page loads while `load` runs and until the network is quiet, then
 * measures them. `load` navigates (goto, reload) and waits for what shows the route is up.
 */
export async function measureRoute(
  route: string,
  page: Page,
  load: () => Promise<void>,
): Promise<RouteJavascript> {
  const bodies: Promise<ScriptFile | undefined>[] = [];
  const network = watchNetwork(page);
  const onResponse = (response: Response) => {
    if (!isJavascript(response)) return;
    bodies.push(
      response.body().then(
        (body) => ({
          path: new URL(response.url()).pathname,
          bytes: body.length,
          gzipBytes: gzipSync(body, { level: 9 }).length,
          encoding: response.headers()['content-encoding'] ?? 'identity',
          videojs: containsVideojs(body.toString('utf8')),
        }),
        // A response whose body is gone (a redirect, a navigation away) delivered no code.
        () => undefined,
      ),
    );
  };
  page.on('response', onResponse);
  try {
    await load();
    await network.quiet();
  } finally {
    page.off('response', onResponse);
    network.stop();
  }
  // A file fetched twice (a preload, then the import) is code the route needed once.
  const byPath = new Map<string, ScriptFile>();
  for (const file of await Promise.all(bodies))
    if (file && !byPath.has(file.path)) byPath.set(file.path, file);
  const files = [...byPath.values()];
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    route,
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    videojs: files.some((file) => file.videojs),
    files,
  };
}

function isJavascript(response: Response): boolean {
  if (response.status() !== 200) return false;
  const type = response.headers()['content-type'] ?? '';
  return /javascript|ecmascript/.test(type) || new URL(response.url()).pathname.endsWith('.js');
}

/** Follows the page's HTTP requests (WebSockets are not requests) to tell when it has gone quiet. */
function watchNetwork(page: Page) {
  const inFlight = new Set<Request>();
  let lastActivity = Date.now();
  const started = (request: Request) => {
    inFlight.add(request);
    lastActivity = Date.now();
  };
  const ended = (request: Request) => {
    inFlight.delete(request);
    lastActivity = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    async quiet() {
      const deadline = Date.now() + LOAD_TIMEOUT_MS;
      while (inFlight.size > 0 || Date.now() - lastActivity < QUIET_MS) {
        if (Date.now() > deadline)
          throw new Error(`the network never went quiet: ${[...inFlight].map((r) => r.url()).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop() {
      page.off('request', started);
      page.off('requestfinished', ended);
      page.off('requestfailed', ended);
    },
  };
}
