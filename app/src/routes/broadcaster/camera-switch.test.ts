/**
 * A seller switches cameras while live, as one does to show a product with the back camera: the
 * broadcast goes on as the same session (one hello, no resume, no new socket), the viewer's
 * player keeps playing without a reload, and the second camera's picture reaches the viewer.
 * Chromium's two fake cameras tell them apart: the first draws in green, the second in grey.
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

test('switching cameras while live keeps the broadcast and the viewer playing, and the viewer sees the new camera', async () => {
  const sent: string[] = [];
  let sockets = 0;
  seller.page.on('websocket', (socket) => {
    if (!socket.url().includes('/ingest')) return;
    sockets++;
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') sent.push((JSON.parse(payload) as { type: string }).type);
    });
  });
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
  expect({ sockets, sent: sent.filter((type) => type !== 'stop') }).toEqual({ sockets: 1, sent: ['hello'] });

  await endBroadcast(seller);
  expect(seller.errors).toEqual([]);
  expect(viewer.errors).toEqual([]);
}, 180_000);
