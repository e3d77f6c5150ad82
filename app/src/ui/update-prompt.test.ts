/**
 * A new version of the app reaches people who already have it: its service worker installs beside
 * the running one and the app says a new version is ready. Nothing reloads under the user: Reload
 * switches to the new version, Later keeps the current one until the next start, and a seller who
 * is live is neither offered it nor reloaded into it by another tab (the reload would end the
 * broadcast) until the broadcast is over.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { APP_DIST } from '@golive/common/repo-paths';
import { useApiStack } from '@golive/local/testing/api-stack';
import { appShell, demoUser, useAppBrowser } from '../testing/app-browser';

/** The stack serves a copy of the built app, so that a test can deploy a new version of it. */
const hosted = mkdtempSync(join(tmpdir(), 'golive-app-'));
const deployFirstVersion = () => cpSync(APP_DIST, hosted, { recursive: true });
deployFirstVersion();
const api = useApiStack('app-update', { APP_DIR: hosted, TRANSWRAP_INSTANCES: '1' });
const browser = useAppBrowser(api);

beforeEach(deployFirstVersion);
afterAll(() => rmSync(hosted, { recursive: true, force: true }));

const offer = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'A new version of GoLive is ready.' });

test('a new version is offered, not forced: Reload switches to it', async () => {
  const { page } = browser.current;
  await openInstalled();
  expect(await version(page)).toBe('first');

  deployNewVersion();
  await page.reload();
  await offer(page).waitFor();
  // Until the user says so, the page is the version they opened.
  expect(await version(page)).toBe('first');

  await page.getByRole('button', { name: 'Reload' }).click();
  await page.waitForFunction(() => document.querySelector('meta[name="golive-build"]') !== null);
  await appShell(page).waitFor();
  expect(await version(page)).toBe('second');
  expect(await offer(page).count()).toBe(0);
});

test('Later hides the offer; the app keeps the version it has and offers again at the next start', async () => {
  const { page } = browser.current;
  await openInstalled();
  deployNewVersion();
  await page.reload();
  await offer(page).waitFor();

  await page.getByRole('button', { name: 'Later' }).click();
  await offer(page).waitFor({ state: 'detached' });
  expect(await version(page)).toBe('first');

  await page.reload();
  await offer(page).waitFor();
  expect(await version(page)).toBe('first');
});

test('a live seller is not offered the new version, nor reloaded into it from another tab, and leaving asks first; after the broadcast the offer comes', async () => {
  const { page } = browser.current;
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await browser.current.signIn(username, password);
  await openInstalled('/live');
  await page.getByLabel('Name your first channel').fill('Update-proof');
  await page.getByRole('button', { name: 'Create channel' }).click();
  await page.getByRole('button', { name: 'Go live' }).click();
  const onAir = page.getByRole('status').filter({ hasText: 'LIVE' });
  await onAir.waitFor({ timeout: 30_000 });
  await page.evaluate(() => Object.assign(window, { wentLiveHere: true }));

  // The seller's other tab finds the new version and offers it; the broadcasting tab offers nothing.
  deployNewVersion();
  const otherTab = await browser.current.browser.context.newPage();
  await otherTab.goto(new URL('/', api.stack.info.app.url).href);
  await offer(otherTab).waitFor();
  expect(
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state),
  ).toBe('installed');
  expect(await offer(page).count()).toBe(0);
  // A reload or a closed tab would take the broadcast down: the browser asks first.
  expect(
    await page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true }))),
  ).toBe(true);

  // Reload in the other tab puts the new version in charge of both tabs; only that one reloads.
  // The live tab must have heard of the waiting worker first: workbox-window tells its page with a
  // 200 ms timer set when the worker installed (WAITING_TIMEOUT_DURATION), which has run once a
  // timer as long set after it has.
  await timersRan(page, 200);
  const takenOver = page.evaluate(
    () => new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve)),
  );
  await otherTab.getByRole('button', { name: 'Reload' }).click();
  await takenOver;
  await otherTab.waitForFunction(() => document.querySelector('meta[name="golive-build"]') !== null);
  await onAir.waitFor();
  expect(await offer(page).count()).toBe(0);

  await page.getByRole('button', { name: 'End broadcast' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End broadcast' }).click();
  await page.getByText('Your broadcast has ended.').waitFor({ timeout: 30_000 });
  expect(await page.evaluate(() => 'wentLiveHere' in window)).toBe(true); // never reloaded
  expect(
    await page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true }))),
  ).toBe(false);
  await offer(page).waitFor();
  // Its version's files are gone from the new worker's cache: reloading is the only way on.
  expect(await offer(page).getByRole('button', { name: 'Later' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Reload' }).click();
  await page.waitForFunction(() => document.querySelector('meta[name="golive-build"]') !== null);
  expect(await version(page)).toBe('second');
}, 120_000);

/**
 * Resolves once every timer of `ms` or less that the page had set has run: a page runs the timers
 * of one timeout, or a shorter one, in the order they were set (HTML's timer initialization steps),
 * so one set now runs after them. A barrier, not a guess at how long something takes.
 */
async function timersRan(page: Page, ms: number): Promise<void> {
  await page.evaluate((timeout) => new Promise((resolve) => setTimeout(resolve, timeout)), ms);
}

/** Opens the app twice, as a returning user would: the second time its service worker serves it. */
async function openInstalled(path = '/'): Promise<void> {
  const { page } = browser.current;
  await browser.current.open(path);
  await appShell(page).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await appShell(page).waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

/**
 * What a deploy of a changed page does to the built files: index.html changes, and so does its
 * revision in the service worker's precache list (which is what makes the worker itself new).
 */
function deployNewVersion(): void {
  const page = join(hosted, 'index.html');
  writeFileSync(
    page,
    readFileSync(page, 'utf8').replace('<head>', '<head><meta name="golive-build" content="second">'),
  );
  const worker = join(hosted, 'sw.js');
  const before = readFileSync(worker, 'utf8');
  const after = before.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1second"');
  expect(after).not.toBe(before);
  writeFileSync(worker, after);
}

/** Which deploy the page came from: the first has no build marker. */
function version(page: Page): Promise<string> {
  return page.evaluate(
    () => document.querySelector('meta[name="golive-build"]')?.getAttribute('content') ?? 'first',
  );
}
