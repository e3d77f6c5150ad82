/**
 * Where Video.js starts a live stream the local IVS packages, in a real Chromium: at the keyframe
 * the playlist's EXT-X-START names. The media is real (FFmpeg's fragmented MP4, read and listed by
 * the local IVS's own code); the moment is the one that broke playback in CI: a viewer arrives (or
 * the page reloads the stream) when the newest segment holds only its short keyframe part and a
 * long second part (frames came late). Video.js's HLS engine then looped on the keyframe part until
 * it gave up with "No available working or supported playlists" (live-playlist.ts, startTag).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveFfmpeg } from '@golive/common/binaries';
import { launchBrowser, type TestBrowser } from '@golive/common/testing/browser';
import { Fmp4FragmentReader, type Fmp4Fragment } from '@golive/local/ivs/hls/fmp4-fragments';
import { LivePlaylist } from '@golive/local/ivs/hls/live-playlist';

/** 30 fps, a keyframe every 2 s, fragments of 0.3 s (as the packager cuts them), and no frames from 0.6 to 0.85 s. */
async function fragmentedMp4WithLateFrames(): Promise<{ init: Buffer; fragments: Fmp4Fragment[] }> {
  const ffmpeg = spawn(resolveFfmpeg(), [
    ...[
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x180:rate=30:duration=4',
    ],
    ...['-vf', "select='not(between(t,0.6,0.85))'", '-fps_mode', 'passthrough'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0'],
    ...['-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', '300000'],
    'pipe:1',
  ]);
  let init: Buffer | undefined;
  const fragments: Fmp4Fragment[] = [];
  const reader = new Fmp4FragmentReader((piece) => {
    if (piece.kind === 'init') init = piece.bytes;
    else fragments.push(piece);
  });
  ffmpeg.stdout.on('data', (chunk: Buffer) => reader.push(chunk));
  const code = await new Promise((resolve) => ffmpeg.once('close', resolve));
  if (code !== 0 || !init) throw new Error(`FFmpeg could not make the test media (exit ${String(code)})`);
  return { init, fragments };
}

/** The playlist and its media; a request for media not there yet is held, as a preload hint is. */
async function serveLive(files: Map<string, Buffer | string>): Promise<{ server: Server; url: string }> {
  const videoJs = readFileSync(createRequire(__filename).resolve('video.js/dist/video.min.js'));
  const page = `<!doctype html><video id="player" class="video-js" muted playsinline></video>
<script src="/video.js"></script>
<script>
  window.playerErrors = [];
  const player = videojs('player', { muted: true, preload: 'auto' });
  player.on('error', () => window.playerErrors.push(player.error().message));
  player.src({ src: '/live.m3u8', type: 'application/x-mpegURL' });
  player.play().catch(() => undefined);
</script>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (path === '/video.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(videoJs);
    const body = files.get(path.slice(1));
    if (body === undefined) return; // not written yet: held until the test ends
    const type = path.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp4';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

let browser: TestBrowser | undefined;
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  await browser?.close();
});

test('a viewer who arrives when the newest segment has only its keyframe part and a long second part starts at that keyframe', async () => {
  const { init, fragments } = await fragmentedMp4WithLateFrames();
  const playlist = new LivePlaylist({ mediaPrefix: 'ch/', partTargetS: 0.4, windowSegments: 6 });
  const files = new Map<string, Buffer | string>([['ch/init.mp4', init]]);
  for (const fragment of fragments.slice(0, 2)) {
    files.set(playlist.partUri(playlist.upcomingPartNumber), fragment.bytes);
    playlist.add(fragment);
  }
  const text = playlist.render();
  // The moment itself: one segment so far, a keyframe part of 0.3 s and a second part of about 0.55 s.
  expect(text.match(/#EXT-X-PART:DURATION=([\d.]+)/g)).toEqual([
    '#EXT-X-PART:DURATION=0.300',
    expect.stringMatching(/^#EXT-X-PART:DURATION=0\.5\d\d$/),
  ]);
  files.set('live.m3u8', text);
  const live = await serveLive(files);
  server = live.server;

  browser = await launchBrowser();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(live.url);
  // The first picture is there: the keyframe part was appended where it belongs, under the playhead.
  await page.waitForFunction(
    () => {
      const errors = (window as unknown as { playerErrors: string[] }).playerErrors;
      if (errors.length > 0) throw new Error(`the player failed: ${errors.join('; ')}`);
      const video = document.querySelector('video')!;
      return video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    },
    undefined,
    { timeout: 20_000, polling: 100 },
  );
  // Then the second part joins it (under load it can come a moment after the first picture).
  const buffered = await page.waitForFunction(
    () => {
      const { buffered } = document.querySelector('video')!;
      const range = buffered.length > 0 && { from: buffered.start(0), to: buffered.end(0) };
      return range && range.to > 0.8 && range;
    },
    undefined,
    { timeout: 10_000, polling: 100 },
  );
  expect(((await buffered.jsonValue()) as { from: number }).from).toBe(0);
}, 60_000);
