/**
 * The watch page as an anonymous viewer on a phone sees it, against a real local stack with real
 * media: offline until the seller goes live, then the video starts by itself (muted, with a way to
 * unmute) without a reload, keeps its place through a reconnect, lets a viewer who fell behind jump
 * back to live, and says so when the broadcast ends. Video.js is not even downloaded until then.
 */
import type { Page } from 'playwright-core';
import { useApiStack } from '@golive/local/testing/api-stack';
import { openAppBrowser, type AppBrowser } from '../../testing/app-browser';
import { lookAtVideo, videoPlays } from '../../testing/video-probe';
import { channelBecomes, createChannel, usePublishing, reportStatus } from '../../testing/broadcasts';

const api = useApiStack('app-watch');
let viewer: AppBrowser;
const publish = usePublishing(api);

beforeEach(async () => {
  viewer = await openAppBrowser(api.stack.info);
});
afterEach(async () => {
  await viewer.close();
});

const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

/** Whether the page itself has fetched Video.js (the service worker's precache does not count). */
const videoJsLoaded = (page: Page) =>
  page.evaluate(() =>
    performance.getEntriesByType('resource').some((entry) => /\/video\.es-[^/]*\.js$/.test(entry.name)),
  );

test('an unknown channel says so and leads home', async () => {
  await viewer.open('/watch/no-such-channel');
  await viewer.page.getByRole('heading', { name: 'No such channel' }).waitFor();
  await viewer.page.getByRole('link', { name: 'See who is live' }).click();
  await viewer.page.waitForURL((url) => url.pathname === '/');

  // An id that could never exist (the API refuses it as invalid) is just as unknown to a viewer.
  await viewer.open('/watch/not%20an%20id!');
  await viewer.page.getByRole('heading', { name: 'No such channel' }).waitFor();
  expect(viewer.errors).toEqual([]);
});

test('the channel shows before the GraphQL client has loaded, and its live updates follow once it has', async () => {
  const channel = await createChannel(api, 'Early paint');
  const { page } = viewer;
  // Holds the page's live-updates code (the GraphQL client comes with it) until the test lets it go.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route(/\/assets\/channel-updates-[^/]*\.js$/, async (route) => {
    held++;
    await released;
    await route.fallback();
  });
  await viewer.open(`/watch/${channel.id}`);
  await status(page, 'Offline').waitFor();
  await page.getByText('Early paint is offline').waitFor();
  expect(held).toBe(1);

  release();
  // Only the live updates can show this without a reload (pushed, or read again once subscribed).
  await reportStatus(api, channel.id, 'CONNECTING');
  await status(page, 'Starting soon').waitFor({ timeout: 15_000 });
  expect(viewer.errors).toEqual([]);
});

test('when the API cannot answer, the page says what failed and shows the channel on Try again', async () => {
  const channel = await createChannel(api, 'Flaky network');
  const { page } = viewer;
  const graphqlUrl = api.stack.info.graphql.url;
  await page.route(graphqlUrl, (route) =>
    route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }),
  );
  await viewer.open(`/watch/${channel.id}`);
  await page.getByRole('heading', { name: 'This channel cannot be shown right now' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'The API answered HTTP 503.' }).waitFor();

  await page.unroute(graphqlUrl);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByText('Flaky network is offline').waitFor();
  // The browser logs the refused request; the app itself reported nothing.
  expect(viewer.errors.filter((error) => !/503/.test(error))).toEqual([]);
});

test('an offline channel starts playing by itself when it goes live, and says when the broadcast ended', async () => {
  const channel = await createChannel(api, 'Vinyl hour');
  const { page } = viewer;
  await viewer.open(`/watch/${channel.id}`);

  await status(page, 'Offline').waitFor();
  await page.getByText('Vinyl hour is offline').waitFor();
  await page.getByText('This page starts playing by itself when they go live.').waitFor();
  expect(await page.locator('video').count()).toBe(0);
  expect(await videoJsLoaded(page)).toBe(false);

  // What transwrap reports when the seller presses Go live.
  await reportStatus(api, channel.id, 'CONNECTING');
  await status(page, 'Starting soon').waitFor({ timeout: 15_000 });
  await page.getByText('Vinyl hour is about to go live').waitFor();

  const publisher = await publish(channel.id, 90);
  await status(page, 'Live now').waitFor({ timeout: 30_000 });
  const playing = await videoPlays(page, 'video', 45_000);
  expect({ width: playing.width, height: playing.height }).toEqual({ width: 1280, height: 720 });
  expect(await videoJsLoaded(page)).toBe(true);
  expect(await page.locator('video').getAttribute('aria-label')).toBe('Vinyl hour, live video');
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.muted)).toBe(true);
  expect(await page.locator('video').getAttribute('playsinline')).not.toBeNull();
  await page.getByText('LIVE', { exact: true }).waitFor();
  expect(await page.getByText('Starting the video…').count()).toBe(0);

  await page.getByRole('button', { name: 'Tap to unmute' }).click();
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.muted)).toBe(false);
  await page.getByRole('button', { name: 'Tap to unmute' }).waitFor({ state: 'detached' });

  // The seller's connection drops and comes back: the player stays and says what is going on.
  const player = await page.locator('video').elementHandle();
  await reportStatus(api, channel.id, 'INTERRUPTED');
  await status(page, 'The seller will be right back').waitFor({ timeout: 15_000 });
  expect(await player.evaluate((video) => video.isConnected)).toBe(true);
  await reportStatus(api, channel.id, 'LIVE');
  await status(page, 'Live now').waitFor({ timeout: 15_000 });
  expect(await player.evaluate((video) => video.isConnected)).toBe(true);
  await videoPlays(page, 'video', 20_000);

  // The seller stops: the player goes, and the viewer is told it is over.
  publisher.stop();
  await status(page, 'Broadcast ended').waitFor({ timeout: 30_000 });
  await page.getByText('The broadcast has ended').waitFor();
  expect(await page.locator('video').count()).toBe(0);
  await page.getByRole('link', { name: 'See who else is live' }).waitFor();
  expect(viewer.errors).toEqual([]);
}, 180_000);

test('a viewer who fell behind the live edge gets back to live with one tap', async () => {
  const channel = await createChannel(api, 'Late night sale');
  await publish(channel.id, 90);
  await channelBecomes(api, channel.id, 'LIVE');
  const { page } = viewer;
  await viewer.open(`/watch/${channel.id}`);
  await videoPlays(page, 'video', 45_000);

  await page.locator('video').evaluate((video: HTMLVideoElement) => video.pause());
  const backToLive = page.getByRole('button', { name: 'Back to live' });
  await backToLive.waitFor({ timeout: 20_000 });
  const behindAt = (await lookAtVideo(page))!.currentTime;

  await backToLive.click();
  const caughtUp = await videoPlays(page, 'video', 20_000);
  expect(caughtUp.currentTime).toBeGreaterThan(behindAt + 4);
  await backToLive.waitFor({ state: 'detached', timeout: 10_000 });
  await page.getByText('LIVE', { exact: true }).waitFor();
  expect(viewer.errors).toEqual([]);
}, 120_000);

test('a stream the player cannot load yet is retried quietly until it plays', async () => {
  const channel = await createChannel(api, 'Slow start');
  await publish(channel.id, 90);
  await channelBecomes(api, channel.id, 'LIVE');
  const { page } = viewer;
  // The player's own requests (Video.js loads HLS with XHR) fail for a while, as they do when
  // IVS has not published the playlist yet right after LIVE.
  const failUntil = Date.now() + 8000;
  let refused = 0;
  await page.route(
    (url) => url.href.startsWith(channel.playbackUrl.replace(/[^/]*$/, '')),
    (route) => {
      if (route.request().resourceType() !== 'xhr' || Date.now() > failUntil) return route.fallback();
      refused++;
      return route.fulfill({ status: 404, body: 'not yet' });
    },
  );
  await viewer.open(`/watch/${channel.id}`);
  await status(page, 'Starting the video…').waitFor({ timeout: 15_000 });

  await videoPlays(page, 'video', 45_000);
  expect(refused).toBeGreaterThan(0);
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(await page.locator('.vjs-error').count()).toBe(0);
  // The browser logs the refused requests, and the player and its <video> the failed loads it
  // retried; the app itself reported nothing.
  expect(viewer.errors.filter((error) => !/404|VIDEOJS|media element error/.test(error))).toEqual([]);
}, 120_000);

test('Share copies the watch link where the phone has no share sheet', async () => {
  const channel = await createChannel(api, 'Shared shelf');
  await viewer.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page } = viewer;
  await viewer.open(`/watch/${channel.id}`);
  await status(page, 'Offline').waitFor();
  expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined'); // desktop Linux Chromium

  await page.getByRole('button', { name: 'Share' }).click();
  await status(page, 'Link copied').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    new URL(`/watch/${channel.id}`, api.stack.info.app.url).href,
  );
  expect(viewer.errors).toEqual([]);
});
