/**
 * A seller who switches away from the app mid-broadcast (another tab, the home screen) and comes
 * back: the broadcast goes on as the same session, viewers keep seeing the camera while the page
 * is hidden where the browser keeps the camera running, and a camera the platform took meanwhile
 * is opened again when the page is shown. The seller is in Firefox, whose background tab is really
 * hidden here (Chromium under playwright keeps every page visible); the viewer is in Chromium.
 */
import { useApiStack } from '@golive/local/testing/api-stack';
import { launchEngine, type EnginePage } from '@golive/common/testing/engines/engine-page';
import { createChannel } from '../../testing/broadcasts';
import { demoUser, openAppBrowser, type AppBrowser } from '../../testing/app-browser';
import { keepStatusesSeen } from '../../testing/statuses-seen';
import { videoPlays } from '../../testing/video-probe';

const api = useApiStack('app-page-hidden', { TRANSWRAP_INSTANCES: '1' });
let seller: EnginePage;
let viewer: AppBrowser;

beforeAll(async () => {
  [seller, viewer] = await Promise.all([launchEngine('firefox'), openAppBrowser(api.stack.info)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([seller?.close(), viewer?.close()]);
});

/** Whether the camera track the seller's preview shows is `state` ('live', 'ended'). */
const previewCameraIs = (state: string) =>
  (document.querySelector('video')?.srcObject as MediaStream | null)?.getVideoTracks()[0]?.readyState ===
  state;

const healthIs = (label: string) =>
  document.querySelector(`[aria-label="Broadcast health: ${label}"]`) !== null;

test('a seller who switches away and back stays on air in one session; a camera taken meanwhile comes back', async () => {
  const channel = await createChannel(api, 'Back in a tab');
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await seller.goto(new URL('/sign-in', api.stack.info.app.url).href);
  await seller.fill('Email', username);
  await seller.fill('Password', password);
  await seller.press('Sign in');
  await seller.waitFor('the broadcaster page', () => location.pathname === '/live', []);
  // What the app says to transwrap: one hello, and no resume or second hello, is one session.
  await seller.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { ingestSaid: string[] }).ingestSaid = said;
    const send = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'send')!.value as (
      this: WebSocket,
      data: string | ArrayBuffer,
    ) => void;
    WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBuffer) {
      if (typeof data === 'string' && this.url.includes('/ingest'))
        said.push((JSON.parse(data) as { type: string }).type);
      send.call(this, data);
    };
  });
  await seller.select('Channel', channel.name);
  await seller.press('Go live');
  await seller.waitFor('health Good', healthIs, ['Good'], 45_000);
  const watchLink = await seller.evaluate(
    () => document.querySelector<HTMLAnchorElement>('a[href*="/watch/"]')?.href,
  );
  await viewer.page.goto(watchLink!);
  await videoPlays(viewer.page, 'video', 45_000);
  const statuses = await keepStatusesSeen(viewer.page);
  const player = await viewer.page.locator('video').elementHandle();

  // In the background, Firefox keeps the camera and microphone running: so does the broadcast.
  const show = await seller.hide();
  const hiddenAt = Date.now();
  await videoPlays(viewer.page, 'video', 20_000);
  // Long enough for transwrap to put the slate on had the camera's frames stopped (2 s), and for
  // the viewer, a few seconds behind, to see it.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, hiddenAt + 10_000 - Date.now())));
  await videoPlays(viewer.page, 'video', 20_000);
  expect((await statuses()).join(' | ')).not.toMatch(/right back|ended|could not be played/i);

  // The platform takes the camera while the app is away (as iOS can): the recording repeats the
  // last picture until the page is shown again and the camera is opened again.
  await seller.evaluate(() =>
    (document.querySelector('video')?.srcObject as MediaStream)
      .getVideoTracks()
      .forEach((track) => track.stop()),
  );
  expect(await seller.evaluate(previewCameraIs, 'ended')).toBe(true);
  await show();
  await seller.waitFor('the camera open again', previewCameraIs, ['live'], 15_000);
  await videoPlays(viewer.page, 'video', 30_000);
  await seller.waitFor('health Good', healthIs, ['Good'], 15_000);
  expect(await player.evaluate((video) => video.isConnected)).toBe(true);

  const said = await seller.evaluate(() => (window as unknown as { ingestSaid: string[] }).ingestSaid);
  expect(said.filter((type) => type !== 'stop')).toEqual(['hello']);
  expect((await statuses()).join(' | ')).not.toMatch(/ended|could not be played/i);
  expect(viewer.errors).toEqual([]);

  await seller.press('End broadcast');
  await seller.press('End broadcast', 'dialog[open]');
  await seller.waitForText('Your broadcast has ended.');
}, 240_000);
