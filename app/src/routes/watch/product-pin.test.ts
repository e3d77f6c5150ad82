/**
 * Live selling, end to end in Chromium: a seller adds two products, goes live and pins one. A
 * viewer already watching sees its card when the video reaches the moment the seller pinned (the
 * cue the local IVS put into the stream, as IVS does with PutMetadata), not seconds early when the
 * API hears of it; a viewer who comes later sees the current pin at once. The seller switches the
 * pin and unpins; the card follows the video each time. The card's link opens the shop in a new
 * tab while the video plays on.
 */
import { poll } from '@golive/common/testing/poll';
import { readStreamCue } from '@golive/common/stream-cues';
import { useApiStack } from '@golive/local/testing/api-stack';
import type { Page } from 'playwright-core';
import { demoUser, openAppBrowser, type AppBrowser } from '../../testing/app-browser';
import {
  addProduct,
  createChannel,
  endBroadcast,
  openBroadcaster,
  pressGoLive,
} from '../../testing/seller-steps';
import { videoPlays } from '../../testing/video-probe';

const api = useApiStack('app-product-pin', { TRANSWRAP_INSTANCES: '1' });
let seller: AppBrowser;
let watching: AppBrowser;
let later: AppBrowser;

beforeAll(async () => {
  [seller, watching, later] = await Promise.all([
    openAppBrowser(api.stack.info),
    openAppBrowser(api.stack.info),
    openAppBrowser(api.stack.info),
  ]);
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await seller.signIn(username, password);
}, 90_000);

afterAll(async () => {
  await Promise.all([seller?.close(), watching?.close(), later?.close()]);
});

interface CardChange {
  /** The card's title; null when no card is shown. */
  title: string | null;
  /** The video's time when it changed. */
  videoTime: number;
}

/** From now on, every change of the card on `page`, with the video's time at that moment. */
async function recordCards(page: Page): Promise<() => Promise<CardChange[]>> {
  await page.evaluate(() => {
    const changes: CardChange[] = [];
    (window as unknown as { cardChanges: CardChange[] }).cardChanges = changes;
    const note = () => {
      const title = document.querySelector('.product-card-title')?.textContent ?? null;
      if (changes.at(-1)?.title === title) return;
      changes.push({ title, videoTime: document.querySelector('video')?.currentTime ?? -1 });
    };
    note();
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { cardChanges: CardChange[] }).cardChanges);
}

/**
 * The stream's timed metadata cues the viewer's player holds: their text and where they are in the
 * video. Video.js's HLS engine keeps them on its own (emulated) text tracks, read from its player.
 */
function pinCues(page: Page) {
  return page.evaluate(() => {
    const player = (
      document.querySelector('.video-js') as unknown as { player: { textTracks(): TextTrackList } }
    ).player;
    const list = player.textTracks();
    return Array.from({ length: list.length }, (_, index) => list[index]!)
      .filter((track) => track.kind === 'metadata')
      .flatMap((track) => Array.from({ length: track.cues?.length ?? 0 }, (_, index) => track.cues![index]!))
      .map((cue) => ({ start: cue.startTime, text: (cue as VTTCue).text }));
  });
}

/**
 * Resolves once the page's onProductPin subscription is acknowledged (AppSync's real-time
 * protocol: `start`, answered by `start_ack`): from then on, the page hears every pin.
 */
function pinSubscriptionReady(page: Page): Promise<void> {
  return new Promise((resolve) => {
    const pinStarts = new Set<string>();
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as {
          type: string;
          id?: string;
          payload?: { data?: string };
        };
        if (message.type === 'start' && message.payload?.data?.includes('onProductPin'))
          pinStarts.add(message.id!);
      });
      socket.on('framereceived', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { type: string; id?: string };
        if (message.type === 'start_ack' && pinStarts.has(message.id!)) resolve();
      });
    });
  });
}

/**
 * The seller taps a product's pin button; the viewer's card changes to `title` (null: none) no
 * earlier than the video reaches the pin's cue, and within 1 s of it.
 */
async function pinShownInTime(button: string, title: string | null, cards: () => Promise<CardChange[]>) {
  const before = (await cards()).length;
  await seller.page.getByRole('button', { name: button }).click();
  const change = await poll(
    `the viewer's card showing ${title ?? 'nothing'}`,
    async () => (await cards()).slice(before).find((each) => each.title === title),
    20_000,
  );
  const cues = (await pinCues(watching.page)).map((cue) => ({ ...cue, pin: readStreamCue(cue.text) }));
  const newest = cues
    .filter((cue) => cue.pin)
    .sort((a, b) => Date.parse(a.pin!.at) - Date.parse(b.pin!.at))
    .at(-1);
  expect(newest).toBeDefined();
  expect(change.videoTime).toBeGreaterThanOrEqual(newest!.start - 0.05);
  expect(change.videoTime - newest!.start).toBeLessThanOrEqual(1);
  return newest!.pin!;
}

test('a pin reaches watching viewers with the video, and later viewers at once; switch and unpin follow', async () => {
  await openBroadcaster(seller, { adaptive: true });
  await createChannel(seller, 'Pottery live');
  await addProduct(seller, {
    Title: 'Stoneware mug',
    Price: '19.99',
    Currency: 'EUR',
    'Link to buy': 'https://shop.example/mug',
  });
  await addProduct(seller, {
    Title: 'Wool scarf',
    Price: '45',
    Currency: 'USD',
    'Link to buy': 'https://shop.example/scarf',
  });
  const watchLink = await pressGoLive(seller);

  const listening = pinSubscriptionReady(watching.page);
  await watching.page.goto(watchLink);
  await Promise.all([videoPlays(watching.page, 'video', 45_000), listening]);
  const cards = await recordCards(watching.page);

  const mugPin = await pinShownInTime('Pin Stoneware mug', 'Stoneware mug', cards);
  expect(mugPin.productId).toBeTruthy();
  const card = watching.page.locator('.product-card');
  expect(await card.getByText('€19.99').isVisible()).toBe(true);

  // A viewer who comes now reads the current pin; it is not in the video they start with.
  await later.page.goto(watchLink);
  await later.page.locator('.product-card', { hasText: 'Stoneware mug' }).waitFor({ timeout: 15_000 });

  await pinShownInTime('Pin Wool scarf', 'Wool scarf', cards);
  await later.page.locator('.product-card', { hasText: 'Wool scarf' }).waitFor({ timeout: 20_000 });
  await seller.page.getByRole('button', { name: 'Pinned Wool scarf' }).waitFor();
  const unpinned = await pinShownInTime('Pinned Wool scarf', null, cards);
  expect(unpinned.productId).toBeNull();
  await later.page.locator('.product-card').waitFor({ state: 'detached', timeout: 20_000 });

  // The card's link opens the shop in a new tab (answered here: tests stay on this machine).
  await seller.page.getByRole('button', { name: 'Pin Stoneware mug' }).click();
  await card.waitFor({ timeout: 20_000 });
  await watching.browser.context.route('https://shop.example/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Shop</title>' }),
  );
  const [shop] = await Promise.all([
    watching.browser.context.waitForEvent('page'),
    card.getByRole('link', { name: /^Buy/ }).click(),
  ]);
  await shop.waitForLoadState();
  expect(shop.url()).toBe('https://shop.example/mug');
  await videoPlays(watching.page, 'video', 10_000);

  await endBroadcast(seller);
  for (const viewer of [watching, later]) expect(viewer.errors).toEqual([]);
}, 240_000);
