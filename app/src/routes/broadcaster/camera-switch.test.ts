/**
 * A seller switches cameras while live, as one does to show a product with the back camera, or
 * zooms in on it: the broadcast goes on as the same session (one hello; a socket is resumed only
 * when the server dropped it for load, as a machine running other tests beside this one may make
 * it), the viewer's player keeps playing without a reload, and the second camera's picture reaches the
 * viewer. Chromium's two fake cameras tell them apart: the first draws in green, the second in
 * grey; both zoom (1x to 4x) once the site may move the camera.
 */
import type { Page } from 'playwright-core';
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, openAppBrowser, type AppBrowser } from '../../testing/app-browser';
import { endBroadcast, goLive } from '../../testing/seller-steps';
import { poll } from '@golive/common/testing/poll';
import { lookAtVideo, videoPlays } from '../../testing/video-probe';

const api = useApiStack('app-camera-switch', { TRANSWRAP_INSTANCES: '1' });
let seller: AppBrowser;
let viewer: AppBrowser;

beforeAll(async () => {
  [seller, viewer] = await Promise.all([
    // A phone held sideways, as when showing products: Chromium's second fake camera draws
    // nothing when asked for a portrait picture (it scales the landscape one), only landscape.
    openAppBrowser(api.stack.info, { cameras: 2, viewport: { width: 844, height: 390 } }),
    openAppBrowser(api.stack.info),
  ]);
  // The permission a seller grants when Chromium asks to "use and move your camera".
  const cdp = await seller.browser.context.newCDPSession(seller.page);
  await cdp.send('Browser.setPermission', {
    origin: new URL(api.stack.info.app.url).origin,
    permission: { name: 'camera', panTiltZoom: true },
    setting: 'granted',
  });
  await recordIngestCloses(seller.page);
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await seller.signIn(username, password);
}, 60_000);

afterAll(async () => {
  await Promise.all([seller?.close(), viewer?.close()]);
});

/** Waits until the viewer's picture is in colour (the first camera) or grey (the second). */
function pictureBecomes(page: Page, look: 'colour' | 'grey', timeoutMs: number) {
  return poll(
    `the viewer's picture in ${look}`,
    async () => {
      const seen = await lookAtVideo(page);
      if (!seen) return undefined;
      return seen.colour > 20 === (look === 'colour') ? seen : undefined;
    },
    timeoutMs,
  );
}

/** The codes the page's ingest sockets closed with (Playwright does not tell them). */
async function recordIngestCloses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const closes: number[] = [];
    (window as unknown as { ingestCloses: number[] }).ingestCloses = closes;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (String(url).includes('/ingest'))
          this.addEventListener('close', (event) => closes.push(event.code));
      }
    };
  });
}

/**
 * The server's answers to load (PROTOCOL.md): no media for a while (4008) or more than the relay
 * could take (4009). The session is held and resumed; the seller's action is not the cause.
 */
const LOAD_CLOSES = [4008, 4009];

/**
 * What the seller's page says to transwrap from now on: its hellos (one: one session) and why any
 * ingest socket of the page it opens next (goLive's) was dropped before the broadcast ends.
 */
function ingestTalk(page: Page): () => Promise<{ hellos: number; dropsNotForLoad: number[] }> {
  const sent: string[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/ingest')) return;
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') sent.push((JSON.parse(payload) as { type: string }).type);
    });
  });
  return async () => {
    const closes = await page.evaluate(() => (window as unknown as { ingestCloses: number[] }).ingestCloses);
    const resumes = sent.filter((type) => type === 'resume').length;
    expect(closes.length).toBeGreaterThanOrEqual(resumes);
    return {
      hellos: sent.filter((type) => type === 'hello').length,
      dropsNotForLoad: closes.filter((code) => !LOAD_CLOSES.includes(code)),
    };
  };
}

test('switching cameras while live keeps the broadcast and the viewer playing, and the viewer sees the new camera', async () => {
  const talk = ingestTalk(seller.page);
  const watchLink = await goLive(seller, 'Two cameras');
  await viewer.page.goto(watchLink);
  await videoPlays(viewer.page, 'video', 45_000);
  await pictureBecomes(viewer.page, 'colour', 15_000);
  const player = await viewer.page.locator('video').elementHandle();

  const camera = seller.page.getByLabel('Camera', { exact: true });
  expect(await camera.isEnabled()).toBe(true);
  const second = await camera
    .locator('option')
    .evaluateAll(
      (options) =>
        (options as HTMLOptionElement[]).find((option) => /fake_device_1/.test(option.text))?.value,
    );
  expect(second).toBeTruthy();
  await camera.selectOption(second!);

  await pictureBecomes(viewer.page, 'grey', 30_000);
  await videoPlays(viewer.page, 'video', 20_000);
  expect(await player.evaluate((video) => video.isConnected)).toBe(true);
  await seller.page.getByRole('status').filter({ hasText: 'LIVE' }).waitFor();
  expect(await talk()).toEqual({ hellos: 1, dropsNotForLoad: [] });

  await endBroadcast(seller);
  expect(seller.errors).toEqual([]);
  expect(viewer.errors).toEqual([]);
}, 180_000);

test('zooming in while live zooms the camera the broadcast reads, in the same session', async () => {
  const talk = ingestTalk(seller.page);
  const watchLink = await goLive(seller, 'Close up');
  await viewer.page.goto(watchLink);
  await videoPlays(viewer.page, 'video', 45_000);

  const zoom = seller.page.getByLabel('Zoom');
  expect(await zoom.evaluate((input: HTMLInputElement) => [input.min, input.max, input.value])).toEqual([
    '100',
    '400',
    '100',
  ]);
  await seller.page.getByText('1.0×').waitFor();
  await zoom.fill('250');
  await seller.page.getByText('2.5×').waitFor();
  // The camera itself zoomed: the preview and the recording read that track.
  await poll(
    "the seller's camera at 2.5x",
    () =>
      seller.page.evaluate(
        () =>
          (document.querySelector('video')?.srcObject as MediaStream).getVideoTracks()[0]!.getSettings()
            .zoom === 250 || undefined,
      ),
    10_000,
  );
  await videoPlays(viewer.page, 'video', 20_000);
  expect(await talk()).toEqual({ hellos: 1, dropsNotForLoad: [] });

  await endBroadcast(seller);
  expect(seller.errors).toEqual([]);
  expect(viewer.errors).toEqual([]);
}, 180_000);
