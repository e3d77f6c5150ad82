/**
 * Serves the HLS folder at /api/video/v1/ (the path IVS playback URLs use), with CORS for players
 * on any origin. Playlists are never cached; media is immutable. For a stream being packaged it
 * speaks low-latency HLS's delivery directives: a playlist request with `_HLS_msn` (and
 * `_HLS_part`) is held until that segment (or part) exists, and a request for the part the
 * playlist hints at is held until FFmpeg has finished it.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { LivePlaylist } from './live-playlist';
import type { LiveStreams } from './live-streams';

export const HLS_PATH = '/api/video/v1/';

const PLAYLIST = /^[A-Za-z0-9._-]+\.m3u8$/;
const MEDIA = /^([A-Za-z0-9_-]+)\/(init(?:-\d+)?|part-(\d+)|\d+)\.mp4$/;
const TYPES = { playlist: 'application/vnd.apple.mpegurl', media: 'video/mp4' };
const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-length' };

/** How long a blocked request may wait, in target durations (the spec's figure). */
const BLOCK_TARGET_DURATIONS = 3;
const blockMs = (playlist: LivePlaylist) => BLOCK_TARGET_DURATIONS * 1000 * playlist.targetDuration;

/** Handles GET/HEAD under HLS_PATH; returns false for anything else. */
export function serveHls(
  hlsDir: string,
  live: LiveStreams,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  // Only plain paths are served; anything else (a target that is not a URL path) is not ours.
  const url = URL.canParse(request.url ?? '/', 'http://localhost')
    ? new URL(request.url ?? '/', 'http://localhost')
    : undefined;
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !url?.pathname.startsWith(HLS_PATH))
    return false;
  const relative = url.pathname.slice(HLS_PATH.length);
  const media = MEDIA.exec(relative);
  if (PLAYLIST.test(relative)) {
    const playlist = live.playlist(relative);
    if (playlist) void answerLivePlaylist(playlist, live, url.searchParams, request, response);
    else sendFile(join(hlsDir, relative), TYPES.playlist, request, response);
  } else if (media) {
    const [, folder, , part] = media;
    const playlist = live.inFolder(folder!);
    const file = join(hlsDir, relative);
    // The hinted part (the next one) is waited for; any other missing part is simply not there.
    if (playlist && part !== undefined && Number(part) === playlist.upcomingPartNumber) {
      void playlist
        .when(() => playlist.hasPart(Number(part)), blockMs(playlist))
        .then(() => sendFile(file, TYPES.media, request, response));
    } else sendFile(file, TYPES.media, request, response);
  } else response.writeHead(404, CORS).end();
  return true;
}

/** A live playlist now, or once the segment or part the request names exists. */
async function answerLivePlaylist(
  playlist: LivePlaylist,
  live: LiveStreams,
  query: URLSearchParams,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const msnText = query.get('_HLS_msn');
  const partText = query.get('_HLS_part');
  const msn = msnText === null ? undefined : Number(msnText);
  const part = partText === null ? undefined : Number(partText);
  const invalid = (value: number | undefined) =>
    value !== undefined && !(Number.isInteger(value) && value >= 0);
  if (invalid(msn) || invalid(part) || (part !== undefined && msn === undefined)) {
    return badRequest(response, '_HLS_msn must be a segment number, and _HLS_part a part number with it');
  }
  if (msn !== undefined) {
    // The spec's limit: a client may ask for at most the segment after the one being made.
    if (msn > playlist.nextMsn + 1) return badRequest(response, `segment ${msn} is too far in the future`);
    // The spec suggests 503 when the wait runs out (the seller's uplink paused); Video.js's HLS
    // engine takes a 503 as a broken stream, so the playlist as it is goes back instead, and the
    // player asks again for the same part.
    // A player waiting at the live edge is a viewer (viewer-count.ts).
    const waited = live.viewersOf(playlist).wait();
    await playlist.when(() => playlist.reached(msn, part) || request.destroyed, blockMs(playlist));
    waited(playlist.reached(msn, part) && !response.destroyed);
    if (response.destroyed) return;
  }
  const body = Buffer.from(playlist.render());
  response.writeHead(200, {
    ...CORS,
    'content-type': TYPES.playlist,
    'content-length': body.length,
    'cache-control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function badRequest(response: ServerResponse, message: string) {
  response.writeHead(400, { ...CORS, 'content-type': 'text/plain' }).end(message);
}

function sendFile(file: string, type: string, request: IncomingMessage, response: ServerResponse) {
  if (response.destroyed) return;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    response.writeHead(404, CORS).end();
    return;
  }
  response.writeHead(200, {
    ...CORS,
    'content-type': type,
    'content-length': size,
    'cache-control': type === TYPES.playlist ? 'no-cache' : 'max-age=3600, immutable',
  });
  if (request.method === 'HEAD') response.end();
  else
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
}
