/**
 * Serves the HLS folder at /api/video/v1/ (the path IVS playback URLs use), with CORS for players
 * on any origin. Playlists are never cached; segments are immutable.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';

export const HLS_PATH = '/api/video/v1/';

const TYPES: Record<string, string> = { '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t' };

/** Handles GET/HEAD under HLS_PATH; returns false for anything else. */
export function serveHls(hlsDir: string, request: IncomingMessage, response: ServerResponse): boolean {
  // Only plain paths are served; anything else (a target that is not a URL path) is not ours.
  const path = URL.canParse(request.url ?? '/', 'http://localhost')
    ? new URL(request.url ?? '/', 'http://localhost').pathname
    : '';
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !path.startsWith(HLS_PATH)) return false;
  const relative = path.slice(HLS_PATH.length);
  const extension = relative.slice(relative.lastIndexOf('.'));
  const headers = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-length' };
  if (
    !/^[A-Za-z0-9._-]+(\/[0-9]+\.ts)?$/.test(relative) ||
    !TYPES[extension] ||
    normalize(relative).startsWith('..')
  ) {
    response.writeHead(404, headers).end();
    return true;
  }
  const file = join(hlsDir, relative);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    response.writeHead(404, headers).end();
    return true;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': TYPES[extension],
    'content-length': size,
    'cache-control': extension === '.m3u8' ? 'no-cache' : 'max-age=3600, immutable',
  });
  if (request.method === 'HEAD') response.end();
  else
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  return true;
}
