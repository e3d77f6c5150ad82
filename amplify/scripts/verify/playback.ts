/**
 * Playback as a viewer's player does it: the channel's playback URL (IVS's multivariant playlist
 * in AWS, a media playlist locally), down to a media playlist that lists segments, then one
 * segment, checked to be media. IVS serves a playlist only once it has the stream, so the
 * playlist is asked for again (each second) until it lists segments or the step runs out of time.
 */
import { VerifyFailure } from './failure-hints';
import type { StepContext } from './checklist';

export interface Playlist {
  url: string;
  segments: string[];
}

/**
 * GET with its own AbortSignal, tied to the step's for this request only: fetch leaves its
 * listener on the signal it is given, and the playlist is asked for many times.
 */
async function get<T>(
  url: string,
  signal: AbortSignal,
  read: (response: Response) => Promise<T>,
): Promise<{ status: number; body?: T }> {
  const request = new AbortController();
  const abort = () => request.abort();
  signal.addEventListener('abort', abort, { once: true });
  try {
    const response = await fetch(url, { signal: request.signal, headers: { 'cache-control': 'no-cache' } });
    if (!response.ok) {
      await response.body?.cancel();
      return { status: response.status };
    }
    return { status: response.status, body: await read(response) };
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

/** The URIs a playlist lists (lines that are not tags), resolved against it. */
function listed(text: string, base: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => new URL(line, base).href);
}

/** One look at the playlist: its segments, or why there are none yet. */
async function lookOnce(playbackUrl: string, signal: AbortSignal): Promise<Playlist | VerifyFailure> {
  let url = playbackUrl;
  for (let hops = 0; hops < 3; hops++) {
    const { status, body: text } = await get(url, signal, (response) => response.text());
    if (text === undefined) return new VerifyFailure(`playback:http-${status}`, `HTTP ${status} for ${url}`);
    if (!text.startsWith('#EXTM3U'))
      return new VerifyFailure('playback:not-playlist', `${url} is not an HLS playlist`);
    const uris = listed(text, url);
    // A multivariant playlist lists renditions (IVS's): follow the first, as a player starts.
    if (!text.includes('#EXT-X-STREAM-INF')) {
      return uris.length > 0
        ? { url, segments: uris }
        : new VerifyFailure('playback:no-segments', `${url} lists no segments`);
    }
    if (!uris[0]) return new VerifyFailure('playback:no-segments', `${url} lists no renditions`);
    url = uris[0];
  }
  return new VerifyFailure('playback:not-playlist', `${playbackUrl} leads to playlists of playlists`);
}

export async function fetchPlaylist(playbackUrl: string, context: StepContext): Promise<Playlist> {
  const { signal } = context;
  for (;;) {
    const look = await lookOnce(playbackUrl, signal);
    if (!(look instanceof VerifyFailure)) return look;
    // 403 will not change; the rest is what a channel that is just starting looks like.
    if (look.symptom === 'playback:http-403' || look.symptom === 'playback:not-playlist') throw look;
    context.waitingFor(look.symptom, `last answer: ${look.message}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    signal.throwIfAborted();
  }
}

/** MPEG-TS starts with sync byte 0x47; fragmented MP4 with a box (ftyp, styp, moof) at byte 4. */
function isMedia(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x47) return true;
  const box = new TextDecoder().decode(bytes.subarray(4, 8));
  return ['ftyp', 'styp', 'moof'].includes(box);
}

/** Fetches the newest segment the playlist lists; resolves with its size in bytes. */
export async function fetchSegment(playlist: Playlist, signal: AbortSignal): Promise<number> {
  const url = playlist.segments.at(-1)!;
  const { status, body } = await get(
    url,
    signal,
    async (response) => new Uint8Array(await response.arrayBuffer()),
  );
  if (!body) throw new VerifyFailure(`playback:http-${status}`, `HTTP ${status} for ${url}`);
  const bytes = body;
  if (bytes.length === 0 || !isMedia(bytes))
    throw new VerifyFailure(
      'playback:not-media',
      `${url} (${bytes.length} bytes) is not MPEG-TS or fragmented MP4`,
    );
  return bytes.length;
}
