/**
 * The home page's list of who is live, in a real browser on a phone against a real local stack:
 * honest when nobody is, updated by itself when someone goes live with real media, each entry a
 * way into the watch page, paged with "Show more" without shrinking on refresh, and a way to go
 * live for sellers only.
 */
import type { Locator, Page } from 'playwright-core';
import { poll } from '@golive/common/testing/poll';
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, useAppBrowser } from '../../testing/app-browser';
import { videoPlays } from '../../testing/video-probe';
import { channelBecomes, createChannel, usePublishing, reportStatus } from '../../testing/broadcasts';
import { PAGE_SIZE, REFRESH_MS } from './use-live-channels';

const api = useApiStack('app-home');
const app = useAppBrowser(api);
const publish = usePublishing(api);

const liveList = (page: Page) => page.getByRole('list', { name: 'Live channels' }).getByRole('link');
const goLiveInPage = (page: Page) =>
  page.getByRole('main').getByRole('link', { name: 'Go live', exact: true });

test('nobody live: the page says so, and offers no Go live to someone signed out', async () => {
  await app.current.open('/');
  await app.current.page.getByRole('heading', { name: 'Live now' }).waitFor();
  await app.current.page.getByRole('status').filter({ hasText: 'Nobody is live right now' }).waitFor();
  expect(await goLiveInPage(app.current.page).count()).toBe(0);
  expect(await app.current.page.getByRole('link', { name: 'Sign in to go live' }).count()).toBe(1);
});

test('someone going live appears by itself, says for how long, and leads to their video', async () => {
  const { page } = app.current;
  await app.current.open('/');
  await page.getByText('Nobody is live right now').waitFor();

  const channel = await createChannel(api, 'Sneaker restock');
  const publisher = await publish(channel.id, 90);
  await channelBecomes(api, channel.id, 'LIVE');
  // No reload: the list reads again every REFRESH_MS.
  const entry = liveList(page).filter({ hasText: 'Sneaker restock' });
  await entry.waitFor({ timeout: REFRESH_MS + 10_000 });
  expect(await entry.getAttribute('aria-label')).toBe('Sneaker restock, Just went live');
  expect(await page.getByText('Nobody is live right now').count()).toBe(0);

  await entry.click();
  await page.waitForURL((url) => url.pathname === `/watch/${channel.id}`);
  await videoPlays(page, 'video', 45_000);

  publisher.stop();
  await channelBecomes(api, channel.id, 'OFFLINE');
  await app.current.open('/');
  await page.getByText('Nobody is live right now').waitFor();
}, 120_000);

test('coming back to the page shows who went live meanwhile at once', async () => {
  const { page } = app.current;
  // The timed refresh is REFRESH_MS after the page opened, at the earliest.
  const opened = Date.now();
  await app.current.open('/');
  await page.getByText('Nobody is live right now').waitFor();
  const channel = await createChannel(api, 'Back in focus');
  await reportStatus(api, channel.id, 'LIVE');
  // The person comes back, again and again: a focus only a moment after the last read does not
  // read again (focus and visibility arriving together count once), a later one does.
  await cameBack(page, () => liveList(page).filter({ hasText: 'Back in focus' }));
  // Before the first timed refresh: a focus brought it.
  expect(Date.now() - opened).toBeLessThan(REFRESH_MS);
  await reportStatus(api, channel.id, 'OFFLINE');
});

test('a seller is offered Go live, leading to the broadcaster', async () => {
  const seller = demoUser(api.stack.info, 'sellers');
  await app.current.signIn(seller.username, seller.password);
  await app.current.open('/');
  await goLiveInPage(app.current.page).click();
  await app.current.page.waitForURL((url) => url.pathname === '/live');
});

test('many live channels come a page at a time, and a refresh keeps every page shown', async () => {
  const total = PAGE_SIZE + 3;
  for (let index = 1; index <= total; index++) {
    const owner = index % 2 ? 'seller' : 'otherSeller';
    const channel = await createChannel(api, `Stall ${String(index).padStart(2, '0')}`, owner);
    await reportStatus(api, channel.id, 'LIVE');
  }
  const { page } = app.current;
  await app.current.open('/');
  await liveList(page).first().waitFor();
  expect(await liveList(page).count()).toBe(PAGE_SIZE);

  await page.getByRole('button', { name: 'Show more' }).click();
  await liveList(page)
    .nth(total - 1)
    .waitFor();
  expect(await liveList(page).count()).toBe(total);
  // The last page: nothing more to show.
  expect(await page.getByRole('button', { name: /Show more|Loading/ }).count()).toBe(0);
  const names = await liveList(page).allInnerTexts();
  expect(new Set(names).size).toBe(total);

  // One more goes live; once a refresh shows it, that refresh re-read every page shown.
  const latest = await createChannel(api, `Stall ${total + 1}`);
  await reportStatus(api, latest.id, 'LIVE');
  await cameBack(page, () => liveList(page).filter({ hasText: `Stall ${total + 1}` }));
  expect(await liveList(page).count()).toBe(total + 1);
}, 90_000);

/**
 * Focuses the page (the person coming back to it) until `shown` is on it: each focus reads the
 * list again unless the last read was only a moment ago.
 */
async function cameBack(page: Page, shown: () => Locator): Promise<void> {
  await poll(
    'the list to show it after the page was focused',
    async () => {
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      return (await shown().count()) > 0 ? true : undefined;
    },
    10_000,
  );
}
