/**
 * Launches Debian's Firefox ESR headless through puppeteer-core over WebDriver BiDi, the way
 * `browser.ts` launches Chromium: a phone-sized window, a throw-away profile, fake camera and
 * microphone (Firefox's own generated media: it cannot read a file), and no dialling out.
 * Autoplay keeps Firefox's default (muted media may autoplay, audible media may not), the rule a
 * viewer's Firefox applies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { resolveFirefox } from '../binaries';

export interface TestFirefox {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function launchFirefox(
  viewport: { width: number; height: number } = { width: 390, height: 844 },
): Promise<TestFirefox> {
  const profile = mkdtempSync(join(tmpdir(), 'golive-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: resolveFirefox(),
    headless: true,
    userDataDir: profile,
    defaultViewport: viewport,
    timeout: 30_000,
    extraPrefsFirefox: {
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      // No sound card here: without an audio device Firefox never starts an AudioContext (it stays
      // "suspended"), as no phone's would. Firefox's mock audio backend (its own test pref) stands in
      // for the speaker, so Web Audio runs and the app can read the microphone as on a phone.
      'media.cubeb.force_mock_context': true,
      // This machine has no internet: no updates, telemetry, safe-browsing lists or captive-portal checks.
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
    },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  // The first tab opens before defaultViewport applies to new pages.
  await page.setViewport(viewport);
  return {
    browser,
    page,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
