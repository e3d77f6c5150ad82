/**
 * GoLive installs like an app and opens without a connection: the built app links a manifest that
 * Chromium accepts, with icons that really are the sizes it says; a service worker takes the pages
 * over; and offline, a reload or a shared link still opens the app, which says it is offline.
 */
import type { Page } from 'playwright-core';
import { poll } from '@golive/common/testing/poll';
import { useApiStack } from '@golive/local/testing/api-stack';
import { appShell, useAppBrowser } from './testing/app-browser';

const api = useApiStack('app-pwa');
const browser = useAppBrowser(api);

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

test('the page links a manifest Chromium can install from: names, standalone, colours, an id, real 192 and 512 px icons', async () => {
  await browser.current.open('/');
  await appShell(browser.current.page).waitFor();
  const manifestUrl = await browser.current.page
    .locator('link[rel="manifest"]')
    .evaluate((link: HTMLLinkElement) => link.href);
  const response = await fetch(manifestUrl);
  expect(response.headers.get('content-type')).toBe('application/manifest+json');
  const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
  expect(manifest).toMatchObject({
    id: '/',
    name: 'GoLive',
    short_name: 'GoLive',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });

  // The status bar takes the page's theme colour; the splash screen is the app's dark background.
  const themeColour = await browser.current.page.locator('meta[name="theme-color"]').getAttribute('content');
  expect(manifest.theme_color).toBe(themeColour);
  await browser.current.page.emulateMedia({ colorScheme: 'dark' });
  const pageBackground = await browser.current.page.evaluate(
    () => getComputedStyle(document.documentElement).backgroundColor,
  );
  expect(rgb(String(manifest.background_color))).toBe(pageBackground);

  for (const purpose of ['any', 'maskable']) {
    for (const size of [192, 512]) {
      const icon = manifest.icons.find(
        (candidate) =>
          candidate.sizes.split(' ').includes(`${size}x${size}`) &&
          (candidate.purpose ?? 'any').split(' ').includes(purpose),
      );
      expect({ purpose, size, type: icon?.type }).toEqual({ purpose, size, type: 'image/png' });
      const url = new URL(icon!.src, manifestUrl).href;
      expect({ url, pixels: await pngPixelSize(url) }).toEqual({
        url,
        pixels: { width: size, height: size },
      });
      if (purpose === 'maskable') {
        // Launchers cut maskable icons to any shape inside the central 80%: no hole, no cut logo.
        expect({ url, ...(await lookAt(browser.current.page, url)) }).toMatchObject({
          url,
          opaque: true,
          logoInsideSafeZone: true,
        });
      }
    }
  }

  // iOS draws transparent pixels black, so its home-screen icon must have none.
  const appleIcon = await browser.current.page
    .locator('link[rel="apple-touch-icon"]')
    .evaluate((link: HTMLLinkElement) => link.href);
  expect(await pngPixelSize(appleIcon)).toEqual({ width: 180, height: 180 });
  expect(await lookAt(browser.current.page, appleIcon)).toMatchObject({ opaque: true });

  // Chromium's own verdict: the manifest parses cleanly and nothing stands in the way of installing.
  const devtools = await browser.current.browser.context.newCDPSession(browser.current.page);
  const parsed = await devtools.send('Page.getAppManifest', {});
  expect({ url: parsed.url, errors: parsed.errors }).toEqual({ url: manifestUrl, errors: [] });
  expect(await devtools.send('Page.getInstallabilityErrors')).toEqual({ installabilityErrors: [] });
});

test('a service worker controls the app from the second load on', async () => {
  await browser.current.open('/');
  await appShell(browser.current.page).waitFor();
  await browser.current.page.evaluate(() => navigator.serviceWorker.ready);
  await browser.current.page.reload();
  await appShell(browser.current.page).waitFor();
  const controller = await browser.current.page.evaluate(() => {
    const worker = navigator.serviceWorker.controller;
    return worker && { script: new URL(worker.scriptURL).pathname, state: worker.state };
  });
  expect(controller).toEqual({ script: '/sw.js', state: 'activated' });
});

test('offline, a reload opens the app and says it is offline; so does a shared link to a page', async () => {
  await browser.current.open('/');
  await appShell(browser.current.page).waitFor();
  await browser.current.page.evaluate(() => navigator.serviceWorker.ready);
  await browser.current.page.reload();
  await appShell(browser.current.page).waitFor();

  await browser.current.browser.context.setOffline(true);
  await browser.current.page.reload();
  await expectOfflineShell(browser.current.page);

  await browser.current.open('/watch/some-channel-id');
  await expectOfflineShell(browser.current.page);
  expect(new URL(browser.current.page.url()).pathname).toBe('/watch/some-channel-id');
});

// On the first visit the service worker installs but controls nothing, so it never sees the page's
// fetch of /amplify_outputs.json: the app hands the worker's 'app-config' cache a copy itself once
// the worker is ready (keepConfigForOffline), or offline main.tsx would say "GoLive cannot start".
test('after a single visit, the app opens offline', async () => {
  await browser.current.open('/');
  await appShell(browser.current.page).waitFor();
  await browser.current.page.evaluate(() => navigator.serviceWorker.ready);
  // A person goes offline long after the page has loaded: let the app finish storing what it keeps.
  await poll(
    'the app config kept in the cache for offline starts',
    async () =>
      (await browser.current.page.evaluate(async () => Boolean(await caches.match('/amplify_outputs.json'))))
        ? true
        : undefined,
    10_000,
  );

  await browser.current.browser.context.setOffline(true);
  await browser.current.page.reload();
  await expectOfflineShell(browser.current.page);
});

async function expectOfflineShell(page: Page) {
  const cannotStart = page.getByRole('heading', { name: 'GoLive cannot start' });
  await appShell(page).or(cannotStart).waitFor();
  expect(await cannotStart.count()).toBe(0);
  await page.getByRole('status').filter({ hasText: 'You are offline' }).waitFor();
}

/** A PNG's pixel size, from its header (the IHDR chunk right after the 8-byte signature). */
async function pngPixelSize(url: string): Promise<{ width: number; height: number }> {
  const response = await fetch(url);
  expect({ url, status: response.status, type: response.headers.get('content-type') }).toEqual({
    url,
    status: 200,
    type: 'image/png',
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Decodes an icon in the page and looks at its pixels: whether every one is opaque, and whether
 * everything outside the central circle 80% wide (the maskable safe zone) is plain background,
 * the colour of the corner.
 */
function lookAt(page: Page, url: string): Promise<{ opaque: boolean; logoInsideSafeZone: boolean }> {
  return page.evaluate(async (src) => {
    const bitmap = await createImageBitmap(await (await fetch(src)).blob());
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, width, height).data;
    const near = (a: number, b: number) => Math.abs(a - b) <= 8;
    let opaque = true;
    let logoInsideSafeZone = true;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = (y * width + x) * 4;
        if (pixels[at + 3] !== 255) opaque = false;
        const outside = Math.hypot(x + 0.5 - width / 2, y + 0.5 - height / 2) > 0.4 * width;
        for (let channel = 0; outside && channel < 4; channel++)
          if (!near(pixels[at + channel]!, pixels[channel]!)) logoInsideSafeZone = false;
      }
    }
    return { opaque, logoInsideSafeZone };
  }, url);
}

/** `#0f172a` as the browser writes a computed colour, `rgb(15, 23, 42)`. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
