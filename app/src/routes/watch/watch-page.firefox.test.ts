/**
 * The watch page in Firefox ESR, as an anonymous viewer on a phone-sized window: a live channel's
 * video starts by itself (muted, under Firefox's own autoplay rules, without a tap) and the page
 * says so when the broadcast ends. Real Firefox, real local stack, real media.
 */
import type { Page } from 'puppeteer-core';
import { useApiStack } from '@golive/local/graphql/testing/api-stack';
import { launchFirefox, type TestFirefox } from '@golive/common/testing/firefox';
import { channelBecomes, createChannel, usePublishing } from '../../testing/broadcasts';

const api = useApiStack('app-watch-firefox');
const publish = usePublishing(api);
let firefox: TestFirefox;

beforeEach(async () => {
  firefox = await launchFirefox();
});
afterEach(async () => {
  await firefox.close();
});

/** Resolves once the page's <video> has played past `seconds` by itself and is still playing. */
async function playsBySelf(page: Page, seconds: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const look = await page.evaluate(() => {
      const video = document.querySelector('video');
      return (
        video && {
          paused: video.paused,
          ready: video.readyState,
          width: video.videoWidth,
          time: video.currentTime,
        }
      );
    });
    if (look && !look.paused && look.width > 0 && look.time > seconds) return;
    if (Date.now() > deadline) throw new Error(`the video did not play by itself: ${JSON.stringify(look)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('a live channel plays by itself in Firefox, muted, and the page says when it ends', async () => {
  const channel = await createChannel(api, 'Firefox fair');
  const publisher = await publish(channel.id, 90);
  await channelBecomes(api, channel.id, 'LIVE');
  const { page } = firefox;
  await page.goto(new URL(`/watch/${channel.id}`, api.stack.info.app.url).href);

  const start = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
  await playsBySelf(page, start + 2, 45_000);
  expect(await page.$eval('video', (video) => video.muted)).toBe(true);
  await page.waitForSelector('::-p-text(Tap to unmute)');
  expect(await page.$$('::-p-text(Starting the video…)')).toHaveLength(0);

  publisher.stop();
  await page.waitForSelector('::-p-text(The broadcast has ended)', { timeout: 30_000 });
  expect(await page.$$('video')).toHaveLength(0);
}, 120_000);
