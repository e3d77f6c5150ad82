/**
 * A seller who is away is not a stall or an ended stream: transwrap keeps the stream to IVS going
 * with its "Be right back" slate until the seller resumes, then puts the seller back on air. The
 * local IVS packages it as one HLS stream, with a discontinuity (and a new init section) at each
 * change, and every segment decodes. Real stack, real transwrap, real FFmpeg.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  playableMedia,
  segmentUris,
  segmentsAfterDiscontinuities,
  segmentNumber,
  segmentsSoon,
} from '@golive/common/testing/hls-playlist';
import { decodeErrors, firstFrameColour } from '@golive/common/testing/media-probe';
import { poll } from '@golive/common/testing/poll';
import { useApiStack } from '@golive/local/testing/api-stack';
import { CloseCode } from './protocol/messages';
import { IngestClient } from './testing/ingest-client';
import { broadcastOn, testRecording, watchedChannel } from './testing/test-broadcast';
import { useTranswrap } from './testing/transwrap-process';

const api = useApiStack('transwrap-slate');
const transwrap = useTranswrap(api);

/** The slate's blue (assets/slate.png), as opposed to the test camera's colour bars. */
const isSlateBlue = ([red, , blue]: [number, number, number]) => blue > 100 && blue - red > 60;

async function playlistOf(playbackUrl: string): Promise<string> {
  const response = await fetch(playbackUrl);
  return response.ok ? response.text() : '';
}

/**
 * Waits for a segment that starts a new period (after an EXT-X-DISCONTINUITY), newer than
 * `newerThan`, showing the slate or not; returns it with the playlist that listed it. Each
 * segment is looked at once. (Under load the seller's media may stop long enough for the slate to
 * come on again later: what counts is that the change this test waits for happened.)
 */
async function changeTo(
  playbackUrl: string,
  shows: 'the slate' | 'the seller',
  newerThan?: string,
): Promise<{ playlist: string; uri: string }> {
  const seen = new Set<string>();
  return poll(`a segment after a discontinuity showing ${shows}`, async () => {
    const playlist = await playlistOf(playbackUrl);
    for (const uri of segmentsAfterDiscontinuities(playlist)) {
      if (seen.has(uri) || (newerThan && segmentNumber(uri) <= segmentNumber(newerThan))) continue;
      const media = await playableMedia(playbackUrl, playlist, uri);
      if (!media) continue;
      seen.add(uri);
      const file = join(api.dataDir, `changed-${segmentNumber(uri)}.mp4`);
      writeFileSync(file, media);
      if (isSlateBlue(await firstFrameColour(file)) === (shows === 'the slate')) return { playlist, uri };
    }
    return undefined;
  });
}

test('a seller away for 10 s: viewers get the slate, never an ended stream, then the seller again, as one HLS stream', async () => {
  const watched = await watchedChannel(api, 'Stock room');
  const { status, channel } = watched;
  const { client: first, ready } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  const sentFrom = Date.now();
  await watched.liveAgain(0);
  await segmentsSoon(channel.playbackUrl);

  // The seller's network goes: no close frame, the connection just dies.
  first.socket.terminate();
  await status.next((event) => event.onChannelStatus.status === 'INTERRUPTED', 10_000);
  // The slate goes on air: the playlist carries on past a discontinuity, with the slate's picture.
  const slate = await changeTo(channel.playbackUrl, 'the slate');

  // Ten seconds away in all; the channel says INTERRUPTED throughout, never OFFLINE.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentFrom + 10_000 - Date.now())));
  const second = new IngestClient(transwrap.url);
  await second.resume(ready);
  await second.next('ready');
  // The recorder kept going while the seller was away: it carries on from where it is now.
  const { path, seconds } = testRecording();
  const sending = second.sendFile(path, seconds, 32 * 1024, (Date.now() - sentFrom) / 1000);
  await watched.liveAgain(1, 15_000);

  // Back on air: a second discontinuity, after which the seller's picture is back.
  const back = await changeTo(channel.playbackUrl, 'the seller', slate.uri);

  // Every segment listed decodes cleanly with the init section in force where it is listed.
  for (const [index, uri] of segmentUris(back.playlist).entries()) {
    const media = await playableMedia(channel.playbackUrl, back.playlist, uri);
    if (!media) continue; // gone from disk since the playlist was read
    const file = join(api.dataDir, `listed-${index}.mp4`);
    writeFileSync(file, media);
    expect(await decodeErrors(file)).toBe('');
  }
  const statuses = status.events.map((event) => event.onChannelStatus.status);
  expect(statuses).not.toContain('OFFLINE');
  expect(statuses.slice(statuses.indexOf('INTERRUPTED'), statuses.indexOf('INTERRUPTED') + 2)).toEqual([
    'INTERRUPTED',
    'LIVE',
  ]);
  // transwrap says what it did.
  expect(transwrap.output()).toContain('"slate on air"');
  expect(transwrap.output()).toContain('"seller back on air"');

  await sending;
  second.stop();
  expect((await second.closed).code).toBe(CloseCode.Normal);
  await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 15_000);
  status.stop();
}, 120_000);

test('a seller who comes back with a new ticket instead of resuming takes the held broadcast over: one stream, never ended', async () => {
  const watched = await watchedChannel(api, 'New ticket');
  const { status, channel } = watched;
  const { client: first } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(0);
  const before = (await segmentsSoon(channel.playbackUrl)).at(-1);
  first.socket.terminate();
  const slate = await changeTo(channel.playbackUrl, 'the slate', before);

  // The PWA starts over (it thought this server gone): a new ticket, a new recording.
  const { client: second, sending } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(1, 15_000);
  const back = await changeTo(channel.playbackUrl, 'the seller', slate.uri);
  // The same stream to IVS: the playlist kept numbering its segments.
  expect(segmentNumber(back.uri)).toBeGreaterThan(segmentNumber(before));
  expect(status.events.map((event) => event.onChannelStatus.status)).not.toContain('OFFLINE');
  expect(transwrap.output()).toContain('"handed over to a new session"');

  await sending;
  second.stop();
  expect((await second.closed).code).toBe(CloseCode.Normal);
  await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 15_000);
  status.stop();
}, 120_000);
