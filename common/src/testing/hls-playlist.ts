/**
 * Reading a live HLS media playlist the way a player does, for tests and benchmarks: which
 * segments and partial segments it lists, and fetching one so FFprobe can read it (fMP4 media
 * needs its init section in front).
 */
import { poll } from './poll';

/** Segment URIs: the line after each #EXTINF. */
export function segmentUris(playlist: string): string[] {
  const lines = playlist.split('\n');
  return lines.flatMap((line, index) =>
    line.startsWith('#EXTINF') && lines[index + 1] ? [lines[index + 1]!] : [],
  );
}

/** A segment's number (media sequence) from its URI, `<folder>/<n>.mp4`; a new stream counts from 0 again. */
export function segmentNumber(uri?: string): number {
  return Number(/(\d+)\.mp4$/.exec(uri ?? '')?.[1]);
}

/** Partial segment URIs (#EXT-X-PART), oldest first. */
export function partUris(playlist: string): string[] {
  return [...playlist.matchAll(/^#EXT-X-PART:.*URI="([^"]+)"/gm)].map((match) => match[1]!);
}

/** The segment names a channel's HLS playlist lists now (none while it is not live). */
export async function listedSegments(playbackUrl: string): Promise<string[]> {
  const response = await fetch(playbackUrl);
  return response.ok ? segmentUris(await response.text()) : [];
}

/** Waits until the playlist lists segments (the channel is being packaged), and returns them. */
export function segmentsSoon(playbackUrl: string, timeoutMs = 30_000): Promise<string[]> {
  return poll(
    `segments listed in ${playbackUrl}`,
    async () => {
      const listed = await listedSegments(playbackUrl);
      return listed.length > 0 ? listed : undefined;
    },
    timeoutMs,
  );
}

/** The init section (#EXT-X-MAP) in force where the playlist lists `uri`: a discontinuity may bring a new one. */
export function mapOf(playlist: string, uri: string): string | undefined {
  let map: string | undefined;
  for (const line of playlist.split('\n')) {
    map = /^#EXT-X-MAP:URI="([^"]+)"/.exec(line)?.[1] ?? map;
    if (line === uri || line.includes(`URI="${uri}"`)) return map;
  }
  return map;
}

/** The segments after each #EXT-X-DISCONTINUITY: where the stream's configuration changed. */
export function segmentsAfterDiscontinuities(playlist: string): string[] {
  const lines = playlist.split('\n');
  return lines.flatMap((line, index) => {
    if (line !== '#EXT-X-DISCONTINUITY') return [];
    const next = lines.slice(index).findIndex((candidate) => candidate.startsWith('#EXTINF'));
    return next < 0 ? [] : [lines[index + next + 1]!];
  });
}

/**
 * The media at `uri` (relative to the playlist) with its init section (#EXT-X-MAP) in front, so
 * it can be probed or played alone; undefined if it is gone.
 */
export async function playableMedia(
  playbackUrl: string,
  playlist: string,
  uri: string,
): Promise<Buffer | undefined> {
  const map = mapOf(playlist, uri);
  const bodies = await Promise.all(
    [map, uri]
      .flatMap((each) => (each ? [fetch(new URL(each, playbackUrl))] : []))
      .map(async (request) => {
        const response = await request.catch(() => undefined);
        return response?.ok ? Buffer.from(await response.arrayBuffer()) : undefined;
      }),
  );
  return bodies.every((body) => body !== undefined) ? Buffer.concat(bodies) : undefined;
}
