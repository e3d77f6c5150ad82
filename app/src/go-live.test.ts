/**
 * The product end to end, as people use it: a seller on a phone signs in, creates a channel and
 * goes live with the camera (Chromium's fake camera, a moving test pattern); an anonymous viewer
 * on another phone opens the watch link and the video really plays; the seller ends it and the
 * viewer sees it ended. Then a transwrap instance dies under a live seller: the seller sees the
 * reconnect, stays live on the other instance, and the viewer's video carries on.
 */
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, openAppBrowser, type AppBrowser } from './testing/app-browser';
import { goLive as goLiveAs, endBroadcast as endBroadcastAs } from './testing/seller-steps';
import { videoPlays } from './testing/video-probe';

const api = useApiStack('app-go-live', { TRANSWRAP_INSTANCES: '2' });
let seller: AppBrowser;
let viewer: AppBrowser;

beforeAll(async () => {
  [seller, viewer] = await Promise.all([openAppBrowser(api.stack.info), openAppBrowser(api.stack.info)]);
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await seller.signIn(username, password);
}, 60_000);

afterAll(async () => {
  await Promise.all([seller?.close(), viewer?.close()]);
});

afterEach(() => {
  expect(seller.errors).toEqual([]);
  expect(viewer.errors).toEqual([]);
});

const goLive = (channelName: string, options?: { adaptive?: boolean }) =>
  goLiveAs(seller, channelName, options);
const endBroadcast = () => endBroadcastAs(seller);

test('a seller goes live from a phone, a viewer watches, the seller ends it and the viewer sees that', async () => {
  const watchLink = await goLive('Friday drop');
  const sellerPicture = await seller.page.evaluate(() => {
    const video = document.querySelector('video')!;
    return { width: video.videoWidth, height: video.videoHeight };
  });

  await viewer.page.goto(watchLink);
  const playing = await videoPlays(viewer.page, 'video', 45_000);
  // What the viewer gets is the seller's camera picture, at its size.
  expect({ width: playing.width, height: playing.height }).toEqual(sellerPicture);

  await endBroadcast();
  await viewer.page
    .getByText(/ended|offline/i)
    .first()
    .waitFor({ timeout: 30_000 });
}, 150_000);

test("with adaptive quality off, the browser's MediaRecorder carries the broadcast and the viewer watches it", async () => {
  const watchLink = await goLive('Recorder drop', { adaptive: false });
  await viewer.page.goto(watchLink);
  await videoPlays(viewer.page, 'video', 45_000);
  await endBroadcast();
}, 150_000);

test('a transwrap instance dies under a live seller: the seller reconnects elsewhere and the viewer keeps watching', async () => {
  const watchLink = await goLive('Resilient drop');
  await viewer.page.goto(watchLink);
  await videoPlays(viewer.page, 'video', 45_000);

  // The instance the seller streams to, as the seller's stats panel names it.
  const endpointHost = await seller.page.locator('.live-stats .endpoint').innerText();
  const instance = api.stack.info.transwrap.find((candidate) => new URL(candidate.url).host === endpointHost);
  expect(instance).toBeDefined();
  // "Reconnecting" may show only for a moment when another instance takes over fast: every status
  // the page shows from here on is recorded, so the test cannot miss it.
  await seller.page.evaluate(() => {
    const shown: string[] = [];
    (window as unknown as { statusesShown: string[] }).statusesShown = shown;
    new MutationObserver(() => {
      for (const status of document.querySelectorAll('[role="status"]')) shown.push(status.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  process.kill(instance!.pid, 'SIGKILL');

  await seller.page.waitForFunction(
    () =>
      (window as unknown as { statusesShown: string[] }).statusesShown.some((text) =>
        text.includes('Reconnecting'),
      ),
    undefined,
    { timeout: 15_000 },
  );
  await seller.page.getByRole('status').filter({ hasText: 'LIVE' }).waitFor({ timeout: 45_000 });
  const otherHost = await seller.page.locator('.live-stats .endpoint').innerText();
  expect(otherHost).not.toBe(endpointHost);

  // The viewer's player picks the stream up again without a reload.
  await videoPlays(viewer.page, 'video', 60_000);
  await endBroadcast();
}, 200_000);
