/**
 * Opens the app's routes the way their users first do, in Debian's Chromium as a phone, and
 * measures the JavaScript each one loads (route-javascript.ts):
 *  - sign-in: a visitor opens /sign-in;
 *  - live: the demo seller, signed in through that page, opens /live cold (reloaded with the
 *    browser cache off), which is what a seller starting from a bookmark or the home screen loads;
 *  - watch: a viewer opens /watch/<id> of a real channel.
 * Each visitor gets a fresh browser context with service workers blocked, so no precache serves
 * anything and every file is counted.
 */
import { chromium, devices, type Browser, type Page } from 'playwright-core';
import { resolveChromium } from '@golive/common/binaries';
import type { LocalStackInfo } from '@golive/local/stack-info';
import { measureRoute, type RouteJavascript } from './route-javascript';

export interface RouteLoads {
  signIn: RouteJavascript;
  live: RouteJavascript;
  watch: RouteJavascript;
}

export async function measureRouteLoads(
  info: LocalStackInfo,
  seller: { username: string; password: string },
  channelId: string,
): Promise<RouteLoads> {
  const browser = await chromium.launch({
    executablePath: resolveChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      // The broadcaster page opens the camera: generated test devices, allowed without a prompt.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      // This machine has no internet: keep Chromium from dialling out in the background.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const url = (path: string) => new URL(path, info.app.url).href;
  try {
    const visitor = await openPhone(browser);
    const signIn = await measureRoute('/sign-in', visitor, async () => {
      await visitor.goto(url('/sign-in'));
      await pageIsUp(visitor);
    });

    await visitor.getByLabel('Email').fill(seller.username);
    await visitor.getByLabel('Password').fill(seller.password);
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await visitor.waitForURL(url('/live'));
    await visitor.getByRole('button', { name: 'Sign out' }).waitFor();
    const devtools = await visitor.context().newCDPSession(visitor);
    await devtools.send('Network.enable');
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
    const live = await measureRoute('/live', visitor, async () => {
      await visitor.reload();
      await pageIsUp(visitor);
    });

    const viewer = await openPhone(browser);
    const watch = await measureRoute(`/watch/${channelId}`, viewer, async () => {
      await viewer.goto(url(`/watch/${channelId}`));
      await pageIsUp(viewer);
    });
    return { signIn, live, watch };
  } finally {
    await browser.close();
  }
}

/** A new phone-sized context (the product is designed at 390x844) with no service worker. */
async function openPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
  });
  return context.newPage();
}

/** Every page of the app has a heading once its route has rendered (not the loading fallback). */
async function pageIsUp(page: Page): Promise<void> {
  await page.locator('#main h1').first().waitFor({ state: 'attached', timeout: 30_000 });
}
