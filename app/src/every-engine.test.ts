/**
 * The product's main scenarios on each real engine here: Chromium, Firefox ESR and WebKitGTK (the
 * closest to Safari that runs on Linux; see app/README.md for what it does and does not prove).
 * Each engine, at a phone's 390x844: a seller signs in and goes live with whatever encoder the app
 * picks there, a viewer on another engine watches and sees the end; an anonymous viewer watches
 * in this engine (Video.js, starting by itself, muted) and reads the chat; the service worker controls the app and a
 * reload with the network gone opens its shell; an admin's channel table loads. Real engines, real
 * transwrap and FFmpeg, real local stack.
 */
import { useApiStack } from '@golive/local/testing/api-stack';
import {
  ENGINES,
  launchEngine,
  type EngineName,
  type EnginePage,
} from '@golive/common/testing/engines/engine-page';
import { startTcpProxy } from '@golive/common/testing/tcp-proxy';
import { channelBecomes, createChannel, usePublishing } from './testing/broadcasts';
import { chatName, say } from '@golive/local/testing/chat-clients';
import { demoUser } from './testing/app-browser';

const api = useApiStack('app-every-engine', { TRANSWRAP_INSTANCES: '1' });
const publish = usePublishing(api);
const appUrl = (path: string) => new URL(path, api.stack.info.app.url).href;

/**
 * What the app's encoding ladder picks on each engine here (encoding-ladder.ts): WebCodecs H.264
 * everywhere, so transwrap copies the video; audio is AAC where the browser encodes it, else Opus.
 * Firefox and WebKitGTK have no MediaStreamTrackProcessor: their frames come from a canvas and
 * their microphone through Web Audio (Firefox's AudioContext runs on its mock audio device here).
 */
const ENCODING: Record<EngineName, string> = {
  chromium: 'H.264 + Opus via WebCodecs',
  firefox: 'H.264 + Opus via WebCodecs',
  webkit: 'H.264 + AAC via WebCodecs',
};

/**
 * The page is 390 CSS px wide, a phone's, except in WebKitGTK: its MiniBrowser's toolbar keeps the
 * window at least ~447 px wide, so there the app is checked at the narrowest it gets.
 */
const NARROWEST: Record<EngineName, number> = { chromium: 390, firefox: 390, webkit: 450 };

/** The viewer of each engine's seller: another engine that can play it. */
const VIEWER_OF: Record<EngineName, EngineName> = {
  chromium: 'firefox',
  firefox: 'chromium',
  webkit: 'chromium',
};

const open: EnginePage[] = [];
async function engine(name: EngineName): Promise<EnginePage> {
  const page = await launchEngine(name);
  open.push(page);
  return page;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((page) => page.close()));
});

async function signIn(page: EnginePage, group: 'sellers' | 'admins'): Promise<void> {
  const { username, password } = demoUser(api.stack.info, group);
  await page.goto(appUrl('/sign-in'));
  await page.fill('Email', username);
  await page.fill('Password', password);
  await page.press('Sign in');
  await page.waitFor('leaving the sign-in page', () => location.pathname !== '/sign-in', []);
}

let channel: { id: string; name: string };
beforeAll(async () => {
  channel = await createChannel(api, 'Every engine finds');
});

describe.each(ENGINES)('%s', (name) => {
  test('a seller signs in, goes live, a viewer on another engine watches, and sees the end', async () => {
    const [seller, viewer] = await Promise.all([engine(name), engine(VIEWER_OF[name])]);
    await signIn(seller, 'sellers');
    await seller.waitFor('the broadcaster page', () => location.pathname === '/live', []);
    expect(await seller.evaluate(() => innerWidth)).toBeLessThanOrEqual(NARROWEST[name]);

    await seller.select('Channel', channel.name);
    await seller.press('Go live');
    // The broadcast details name the encoding once the recording runs.
    const encoding = await seller.waitFor(
      'the broadcast details to name the encoding',
      () => {
        const term = [...document.querySelectorAll('dt')].find((each) => each.textContent === 'Encoding');
        return term?.nextElementSibling?.textContent?.match(/^(.+ via \w+),/)?.[1];
      },
      [],
      45_000,
    );
    expect(encoding).toBe(ENCODING[name]);

    // The address the seller's page gives to share.
    const watchLink = await seller.evaluate(
      () => document.querySelector<HTMLAnchorElement>('a[href*="/watch/"]')?.href,
    );
    expect(watchLink).toBe(appUrl(`/watch/${channel.id}`));
    await viewer.goto(watchLink!);
    const playing = await viewer.videoPlays('video', 60_000).catch(async (error: Error) => {
      const says = (page: EnginePage) =>
        page.evaluate(() => document.querySelector('main')?.innerText.replace(/\s+/g, ' '));
      // What the viewer's engine made of the stream, for a failure that happens once in a while.
      const media = await viewer.evaluate(() => {
        const video = document.querySelector('video');
        if (!video) return 'no <video>';
        const buffered = [...Array(video.buffered.length).keys()].map(
          (index) => `${video.buffered.start(index).toFixed(2)}-${video.buffered.end(index).toFixed(2)}`,
        );
        return JSON.stringify({
          readyState: video.readyState,
          networkState: video.networkState,
          error: video.error && `${video.error.code} ${video.error.message}`,
          currentTime: video.currentTime,
          buffered,
        });
      });
      throw new Error(
        `${error.message}; the seller's page says: ${await says(seller)}; the viewer's: ${await says(viewer)}; its video: ${media}`,
      );
    });
    expect(playing.width).toBeGreaterThan(0);

    await seller.press('End broadcast');
    await seller.press('End broadcast', 'dialog[open]');
    await seller.waitForText('Your broadcast has ended.');
    await viewer.waitForText('The broadcast has ended');
  }, 240_000);

  test('an anonymous viewer watches a live channel: it starts by itself, muted, the chat reads along, and the page says when it ends', async () => {
    const watched = await createChannel(api, `Watched in ${name}`);
    const publisher = await publish(watched.id, 120);
    await channelBecomes(api, watched.id, 'LIVE');
    const viewer = await engine(name);
    await viewer.goto(appUrl(`/watch/${watched.id}`));

    const playing = await viewer.videoPlays('video', 60_000);
    expect(playing).toMatchObject({ muted: true, paused: false });
    await viewer.waitForText('Tap to unmute');
    // The chat reads along: what was said before the page opened, then what is said now.
    await chatName(api.who.clients.otherSeller, 'Engine Tester');
    await say(api.who.clients.otherSeller, watched.id, `Hello, ${name} viewer`);
    await viewer.waitForText(`Hello, ${name} viewer`);
    await say(api.who.clients.otherSeller, watched.id, `Still there, ${name}?`);
    await viewer.waitForText(`Still there, ${name}?`);
    await viewer.waitForText('Sign in to chat');

    publisher.stop();
    await viewer.waitForText('The broadcast has ended', 45_000);
    expect(await viewer.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  }, 180_000);

  test('the service worker controls the app, and with the network gone a reload opens the app offline', async () => {
    // The app through a proxy that can take the network away, leaving the stack running.
    const network = await startTcpProxy(Number(new URL(api.stack.info.app.url).port));
    try {
      const page = await engine(name);
      const origin = `http://127.0.0.1:${network.port}`;
      await page.goto(`${origin}/`);
      await page.waitFor(
        'the app shell',
        () => Boolean(document.querySelector('a[aria-label="GoLive home"]')),
        [],
      );
      // Activated as this page, which saw the whole install, sees it, before the reload: in two
      // loaded runs WebKitGTK's reloaded page held a worker that said "activating" for 30 s, as if
      // it finished activating during the reload and the new page never heard.
      await page.waitFor(
        'the service worker activated',
        () =>
          navigator.serviceWorker.ready.then((registration) => registration.active?.state === 'activated'),
        [],
      );
      await page.goto(`${origin}/`);
      // Firefox hands the page to the worker while it is still activating.
      const controller = await page
        .waitFor(
          'an activated service worker controlling the page',
          () => {
            const worker = navigator.serviceWorker.controller;
            return (
              worker?.state === 'activated' && {
                script: new URL(worker.scriptURL).pathname,
                state: worker.state,
              }
            );
          },
          [],
        )
        .catch(async (error: unknown) => {
          // Say where the worker got to: not controlling at all, or stuck in a state.
          const seen = await page.evaluate(() =>
            navigator.serviceWorker.getRegistration().then((registration) =>
              JSON.stringify({
                controller: navigator.serviceWorker.controller?.state ?? null,
                installing: registration?.installing?.state ?? null,
                waiting: registration?.waiting?.state ?? null,
                active: registration?.active?.state ?? null,
              }),
            ),
          );
          throw new Error(`${String(error)}; the registration: ${seen}`);
        });
      expect(controller).toEqual({ script: '/sw.js', state: 'activated' });
      // What the app keeps for offline use is stored once the worker is ready (keepConfigForOffline).
      await page.waitFor(
        'the app config kept for offline use',
        () => caches.match('/amplify_outputs.json').then(Boolean),
        [],
      );

      // The engine still believes it is online (only a proxy went down), so the app cannot say it
      // is offline; what counts is that the page and the app come from the worker.
      network.outage({ refuse: true });
      await page.goto(`${origin}/`);
      await page.waitFor(
        'the app shell, offline',
        () => Boolean(document.querySelector('a[aria-label="GoLive home"]')),
        [],
      );
      expect(await page.hasText('GoLive cannot start')).toBe(false);
    } finally {
      await network.close();
    }
  }, 120_000);

  test("an admin signs in and the channels table lists the sellers' channels", async () => {
    const admin = await engine(name);
    await signIn(admin, 'admins');
    await admin.waitFor('the admin page', () => location.pathname === '/admin', []);
    const names = await admin.waitFor(
      'the channels table with its rows',
      () => {
        const rows = [...document.querySelectorAll('table tbody th')].map(
          (cell) => cell.textContent?.trim() ?? '',
        );
        return rows.length > 0 && rows;
      },
      [],
    );
    expect(names).toContain(channel.name);
  }, 90_000);
});
