/**
 * Going live from Firefox ESR, as a seller on a phone-sized window: sign in, create a channel, Go
 * live with Firefox's fake camera through whatever encoder the app picks there (Firefox has no
 * MediaStreamTrackProcessor: MediaRecorder), and a viewer in Chromium watches the video play; the
 * seller ends and the viewer is told. Real Firefox, real transwrap and FFmpeg, real local stack.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { useApiStack } from '@golive/local/graphql/testing/api-stack';
import { launchFirefox, type TestFirefox } from '@golive/common/testing/firefox';
import { demoUser, openAppBrowser, type AppBrowser } from './testing/app-browser';
import { videoPlays } from './testing/video-probe';

const api = useApiStack('app-go-live-firefox', { TRANSWRAP_INSTANCES: '1' });
let seller: TestFirefox;
let viewer: AppBrowser;

beforeAll(async () => {
  [seller, viewer] = await Promise.all([launchFirefox(), openAppBrowser(api.stack.info)]);
}, 60_000);
afterAll(async () => {
  await Promise.all([seller?.close(), viewer?.close()]);
});

// puppeteer's ARIA selectors need Chromium's accessibility tree: find controls the way a person
// reads them instead, by their label or their text.
async function fill(page: Page, label: string, value: string): Promise<void> {
  const input = await page.waitForFunction(
    (text: string) =>
      [...document.querySelectorAll('label')].find((each) => each.textContent?.trim().startsWith(text))
        ?.control,
    { timeout: 15_000 },
    label,
  );
  await (input as unknown as ElementHandle<HTMLInputElement>).type(value);
}
async function press(page: Page, name: string, within = 'body'): Promise<void> {
  const button = await page.waitForFunction(
    (text: string, scope: string) =>
      [...document.querySelectorAll(`${scope} button`)].find((each) => each.textContent?.trim() === text),
    { timeout: 30_000 },
    name,
    within,
  );
  await (button as unknown as ElementHandle<HTMLButtonElement>).click();
}
const open = (page: Page, path: string) => page.goto(new URL(path, api.stack.info.app.url).href);

test('a seller goes live from Firefox, a Chromium viewer watches, and sees the end', async () => {
  const { page } = seller;
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await open(page, '/sign-in');
  await fill(page, 'Email', username);
  await fill(page, 'Password', password);
  await press(page, 'Sign in');
  // A seller lands on the broadcaster page.
  await page.waitForFunction(() => location.pathname === '/live');
  await fill(page, 'Name your first channel', 'Firefox finds');
  await press(page, 'Create channel');
  await press(page, 'Go live');
  await page.waitForSelector('::-p-text(via MediaRecorder)', { timeout: 30_000 });
  const watchLink = await page.$eval('a[href*="/watch/"]', (link) => link.href);

  await viewer.page.goto(watchLink);
  const playing = await videoPlays(viewer.page, 'video', 45_000);
  expect(playing.width).toBeGreaterThan(0);

  await press(page, 'End broadcast');
  await press(page, 'End broadcast', 'dialog[open]');
  await page.waitForSelector('::-p-text(Your broadcast has ended.)', { timeout: 30_000 });
  await viewer.page.getByText('The broadcast has ended').waitFor({ timeout: 30_000 });
  expect(viewer.errors).toEqual([]);
}, 180_000);
