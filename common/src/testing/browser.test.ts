/**
 * The browser harness works end to end: Debian Chromium, driven by playwright-core, sees the
 * generated test pattern as its camera and the tone as its microphone, and MediaRecorder turns
 * them into webm H.264 + Opus, the format the broadcaster sends to transwrap.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, type TestBrowser } from './browser';
import { probeMedia, streamOf } from './media-probe';
import { serveStatic, type StaticServer } from './static-server';

const RECORDER_PAGE = `<!doctype html><title>recorder</title><script>
  window.record = async (chunkCount, deadlineMs) => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const settings = stream.getVideoTracks()[0].getSettings();
    const mimeType = 'video/webm;codecs=h264,opus';
    if (!MediaRecorder.isTypeSupported(mimeType)) throw new Error('unsupported ' + mimeType);
    const recorder = new MediaRecorder(stream, { mimeType, videoKeyFrameIntervalDuration: 1000 });
    const chunks = [];
    // Until the recorder has handed over chunkCount chunks (one each 250 ms), then what stop flushes.
    const enough = new Promise((resolve, reject) => {
      recorder.ondataavailable = (e) => {
        chunks.push(e.data);
        if (chunks.length === chunkCount) resolve();
      };
      setTimeout(() => reject(new Error('only ' + chunks.length + ' chunks within ' + deadlineMs + ' ms')), deadlineMs);
    });
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start(250);
    await enough;
    recorder.stop();
    await stopped;
    stream.getTracks().forEach((t) => t.stop());
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { chunkCount: chunks.length, type: recorder.mimeType, webm: btoa(binary),
             width: settings.width, height: settings.height,
             isSecureContext: window.isSecureContext };
  };
</script>`;

interface Recording {
  chunkCount: number;
  type: string;
  webm: string;
  width: number;
  height: number;
  isSecureContext: boolean;
}

let browser: TestBrowser;
let site: StaticServer;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'browser-smoke-'));
  site = await serveStatic({ '/': RECORDER_PAGE });
  browser = await launchBrowser({ media: { width: 640, height: 360 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(workDir, { recursive: true, force: true });
});

test('a page on 127.0.0.1 records the fake camera and microphone as webm H.264 + Opus chunks', async () => {
  const page = await browser.context.newPage();
  await page.goto(site.url);
  // 3 s of media: twelve 250 ms chunks.
  const recording = await page.evaluate(
    ([chunkCount, deadlineMs]) =>
      (window as unknown as { record(chunks: number, deadlineMs: number): Promise<Recording> }).record(
        chunkCount!,
        deadlineMs!,
      ),
    [12, 30_000],
  );

  expect(recording.isSecureContext).toBe(true);
  // 640x360 is the generated pattern, not Chromium's built-in 640x480 fake device.
  expect([recording.width, recording.height]).toEqual([640, 360]);
  // Chromium asks for webm but names what it makes Matroska, since WebM proper has no H.264.
  expect(recording.type).toMatch(/^video\/(webm|x-matroska);codecs=.*(h264|avc1)/i);
  expect(recording.chunkCount).toBeGreaterThanOrEqual(12);

  const file = join(workDir, 'recording.webm');
  writeFileSync(file, Buffer.from(recording.webm, 'base64'));
  const probe = await probeMedia(file);
  expect(probe.format.format_name).toContain('webm');
  const video = streamOf(probe, 'video');
  expect(video).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
  // About 3 s at 30 fps; generous bounds because a headless CPU may drop a few frames.
  expect(Number(video?.nb_read_frames)).toBeGreaterThan(45);
  expect(streamOf(probe, 'audio')).toMatchObject({ codec_name: 'opus' });
}, 60_000);
