/**
 * A seller whose network goes for 30 s, as in a stock room with no signal: viewers keep a playing
 * video showing transwrap's "Be right back" slate and are told the seller will be right back,
 * never that the broadcast has ended; when the network returns, the seller's picture comes back
 * in the same player. The seller's phone goes offline (playwright's network emulation: the API
 * cannot be reached either), and its WebSocket crosses a proxy that cuts it as the network goes.
 */
import { freePort } from '@golive/local/free-port';
import { poll } from '@golive/common/testing/poll';
import { startTcpProxy, type TcpProxy } from '@golive/common/testing/tcp-proxy';
import { useApiStack } from '@golive/local/testing/api-stack';
import { spawnTranswrap, type TranswrapProcess } from '@golive/transwrap/testing/transwrap-process';
import type { Page } from 'playwright-core';
import { demoUser, openAppBrowser, type AppBrowser } from '../../testing/app-browser';
import { endBroadcast, goLive } from '../../testing/seller-steps';
import { keepStatusesSeen } from '../../testing/statuses-seen';
import { lookAtVideo, videoPlays, type VideoLook } from '../../testing/video-probe';

// transwrap is started here, not by the stack, so that the seller reaches it through the proxy.
const api = useApiStack('app-seller-away', { TRANSWRAP_INSTANCES: '0' });
let network: TcpProxy;
let transwrap: TranswrapProcess;
let seller: AppBrowser;
let viewer: AppBrowser;

beforeAll(async () => {
  const port = await freePort('127.0.0.1');
  network = await startTcpProxy(port);
  transwrap = await spawnTranswrap(api.stack.info, {
    PORT: String(port),
    PUBLIC_URL: `ws://127.0.0.1:${network.port}/ingest`,
  });
  [seller, viewer] = await Promise.all([openAppBrowser(api.stack.info), openAppBrowser(api.stack.info)]);
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await seller.signIn(username, password);
}, 90_000);

afterAll(async () => {
  await Promise.all([seller?.close(), viewer?.close()]);
  await transwrap?.stop();
  await network?.close();
});

/** The slate's blue (transwrap/assets/slate.png), as opposed to the fake camera's picture. */
const isSlate = ({ rgb: [red, , blue] }: VideoLook) => blue > 90 && blue - red > 50;

function pictureIs(page: Page, what: 'the slate' | 'the camera', timeoutMs: number) {
  return poll(
    `the viewer's picture showing ${what}`,
    async () => {
      const seen = await lookAtVideo(page);
      return seen && isSlate(seen) === (what === 'the slate') ? seen : undefined;
    },
    timeoutMs,
  );
}

test('a seller offline for 30 s: viewers see the slate and "right back", never "ended", then the seller again in the same player', async () => {
  const watchLink = await goLive(seller, 'Stock room');
  const health = seller.page.getByRole('button', { name: /^Broadcast health/ });
  await seller.page.getByRole('button', { name: 'Broadcast health: Good' }).waitFor({ timeout: 15_000 });
  await viewer.page.goto(watchLink);
  await videoPlays(viewer.page, 'video', 45_000);
  await pictureIs(viewer.page, 'the camera', 15_000);
  const player = await viewer.page.locator('video').elementHandle();
  // Anything the viewer is told along the way.
  const statusesSeen = await keepStatusesSeen(viewer.page);

  const outageStarted = Date.now();
  await seller.browser.context.setOffline(true);
  const networkBack = network.outage();
  await viewer.page
    .getByRole('status')
    .filter({ hasText: 'The seller will be right back' })
    .waitFor({ timeout: 20_000 });
  const slate = await pictureIs(viewer.page, 'the slate', 20_000);
  // The slate is video like any other: the player is playing it (time goes on), not stalled. Its
  // picture does not change, so this is not videoPlays.
  await poll(
    'the slate playing',
    async () => {
      const seen = await lookAtVideo(viewer.page);
      return seen && !seen.paused && seen.currentTime > slate.currentTime + 2 ? seen : undefined;
    },
    10_000,
  );
  // The seller is told, in the same words the viewers' page uses.
  await seller.page.getByRole('button', { name: 'Broadcast health: Reconnecting' }).waitFor();
  await health.click();
  await seller.page.getByText('viewers see "Be right back" until it is back').waitFor();

  await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageStarted + 30_000 - Date.now())));
  networkBack();
  await seller.browser.context.setOffline(false);
  await pictureIs(viewer.page, 'the camera', 30_000).catch(async (error: unknown) => {
    console.log(
      transwrap
        .output()
        .split('\n')
        .filter((line) => !line.includes('heartbeat'))
        .slice(-40)
        .join('\n'),
    );
    console.log(await seller.page.locator('main').innerText());
    console.log(JSON.stringify(await lookAtVideo(viewer.page)));
    throw error;
  });
  await viewer.page.getByRole('status').filter({ hasText: 'Live now' }).waitFor({ timeout: 15_000 });
  await videoPlays(viewer.page, 'video', 10_000);
  expect(await player.evaluate((video) => video.isConnected)).toBe(true);
  await seller.page.getByRole('status').filter({ hasText: 'LIVE' }).waitFor();
  await seller.page.getByRole('button', { name: 'Broadcast health: Good' }).waitFor({ timeout: 15_000 });

  const told = await statusesSeen();
  expect(told.join(' | ')).not.toMatch(/ended|could not be played/i);
  expect(told).toContain('The seller will be right back');

  await endBroadcast(seller);
  expect(viewer.errors).toEqual([]);
}, 240_000);
