/**
 * `npm run screenshots` (in app/): every screen of the built app at a phone's 390x844, in the dark
 * scheme the app starts in and the light one, for a person to look at. It starts a local stack of
 * its own (temporary data folder, free ports), puts what the screens need in it (a channel), opens
 * each screen in Debian's Chromium and saves .cache/screenshots/<name>.png and <name>-light.png.
 *
 *   npm run screenshots                  # every screen
 *   npm run screenshots -- sign-in home  # the ones named
 *
 * It shows app/dist as built: run `npx vite build` first. To add a screen, add an entry to SCREENS.
 */
import { mkdirSync, readdirSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type * as ApiClients from '@golive/local/testing/api-clients';
import type * as ApiOperations from '@golive/common/api-operations';
import type * as RepoPaths from '@golive/common/repo-paths';
import type * as StackProcess from '@golive/local/testing/stack-process';
import type * as TestPublisher from '@golive/common/testing/test-publisher';
import type * as ChatClients from '@golive/local/testing/chat-clients';
import type * as AppBrowserModule from '../src/testing/app-browser';
import type { AppBrowser } from '../src/testing/app-browser';
import type { LocalStackInfo } from '@golive/local/stack-info';

// tsx gives CommonJS modules imported from an ES module (this file; app/ is "type": "module") a
// wrong __dirname ('data:text'), and the stack launcher and the repository paths are built on it:
// required, they load as they do under Jest.
const require = createRequire(import.meta.url);
// AWS SDK releases after January 2027 want Node 22 (see local/src/main.ts); not news for a screenshot.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { startStackProcess } = require('@golive/local/testing/stack-process') as typeof StackProcess;
const { call, identities, registerTestEndpoint } =
  require('@golive/local/testing/api-clients') as typeof ApiClients;
const op = require('@golive/common/api-operations') as typeof ApiOperations;
const { CACHE_DIR, REPO_ROOT } = require('@golive/common/repo-paths') as typeof RepoPaths;
const { demoUser, openAppBrowser } = require('../src/testing/app-browser.ts') as typeof AppBrowserModule;
const { publishTestStream } = require('@golive/common/testing/test-publisher') as typeof TestPublisher;
const chat = require('@golive/local/testing/chat-clients') as typeof ChatClients;

const OUT_DIR = join(CACHE_DIR, 'screenshots');
const APP_DIR = join(REPO_ROOT, 'app');

/** What the screens are shown with: the stack, and a channel of the demo seller's that is not live. */
interface Fixtures {
  info: LocalStackInfo;
  who: ApiClients.Identities;
  channelId: string;
}

interface Screen {
  name: string;
  /** Signed in as the stack's demo user of this group first; signed out when absent. */
  as?: 'sellers' | 'admins';
  /** Brings the page to the screen and waits until it shows what it is for. */
  show(app: AppBrowser, fixtures: Fixtures): Promise<void>;
}

/** Thrown by a screen that this stack cannot show (the file is then left out, and the run says why). */
class Unreachable extends Error {}

const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1 }).waitFor();
const shell = (page: Page) => page.getByRole('link', { name: 'GoLive home' }).waitFor();
/** A screen that is a page of the app, shown once its shell is there. */
const appPage =
  (path: (fixtures: Fixtures) => string): Screen['show'] =>
  async (app, fixtures) => {
    await app.open(path(fixtures));
    await shell(app.page);
  };

const SCREENS: Screen[] = [
  {
    name: 'sign-in',
    async show(app) {
      await app.open('/sign-in');
      await heading(app.page, 'Sign in');
    },
  },
  {
    name: 'sign-in-error',
    async show(app, { info }) {
      await app.open('/sign-in');
      await app.page.getByLabel('Email').fill(demoUser(info, 'sellers').username);
      await app.page.getByLabel('Password').fill('not-the-password');
      await app.page.getByRole('button', { name: 'Sign in' }).click();
      await app.page.getByRole('alert').waitFor();
    },
  },
  {
    name: 'sign-up',
    async show(app) {
      await app.open('/sign-up');
      await heading(app.page, 'Create an account');
    },
  },
  {
    name: 'sign-up-confirm',
    async show(app) {
      await app.open('/sign-up');
      await app.page.getByLabel('Email').fill(`screenshots-${Date.now()}@example.com`);
      await app.page.getByLabel('Password').fill('Screen-shot-1');
      await app.page.getByRole('button', { name: 'Create account' }).click();
      const confirm = app.page.getByRole('heading', { name: 'Confirm your email' });
      const signIn = app.page.getByRole('heading', { name: 'Sign in' });
      await confirm.or(signIn).waitFor();
      if (await signIn.isVisible()) throw new Unreachable('this pool confirms sign-ups without a code');
    },
  },
  {
    name: 'forgot-password',
    async show(app) {
      await app.open('/forgot-password');
      await heading(app.page, 'Reset your password');
    },
  },
  {
    name: 'forgot-password-reset',
    async show(app, { info }) {
      await app.open('/forgot-password');
      await app.page.getByLabel('Email').fill(demoUser(info, 'sellers').username);
      await app.page.getByRole('button', { name: 'Send a code' }).click();
      await heading(app.page, 'Choose a new password');
    },
  },
  {
    name: 'home',
    show: appPage(() => '/'),
  },
  {
    name: 'home-seller',
    as: 'sellers',
    show: appPage(() => '/'),
  },
  {
    name: 'watch',
    show: appPage(({ channelId }) => `/watch/${channelId}`),
  },
  {
    // A channel on air (FFmpeg publishing a portrait picture, as a phone does) with a product
    // pinned and a chat going.
    name: 'watch-live',
    async show(app, { who }) {
      const seller = who.clients.seller;
      const created = await call<ApiOperations.CreateChannelMutation>(seller, op.CREATE_CHANNEL, {
        name: 'Corner Bakery',
      });
      const channelId = created.data!.createChannel.id;
      const product = await call<ApiOperations.AddProductMutation>(seller, op.ADD_PRODUCT, {
        channelId,
        input: {
          title: 'Sourdough loaf, 800 g',
          price: '6.50',
          currency: 'EUR',
          buyUrl: 'https://bakery.example/sourdough',
          description: 'Baked this morning. Naturally leavened, 24-hour proof.',
        },
      });
      await registerTestEndpoint(who.clients.service, 'tw-screenshots');
      const ticket = await call<ApiOperations.StartBroadcastMutation>(seller, op.START_BROADCAST, {
        channelId,
      });
      const claim = await call<ApiOperations.ClaimIngestMutation>(who.clients.service, op.CLAIM_INGEST, {
        ticket: ticket.data!.startBroadcast.ticket,
        endpointId: 'tw-screenshots',
      });
      const { ingestUrl, streamKey } = claim.data!.claimIngest;
      publishTestStream(`${ingestUrl}${streamKey}`, { seconds: 45, size: '720x1280' });
      await app.open(`/watch/${channelId}`);
      await app.page.getByRole('status').filter({ hasText: 'Live now' }).waitFor({ timeout: 30_000 });
      await call(seller, op.PIN_PRODUCT, { channelId, productId: product.data!.addProduct.id });
      await app.page.locator('.product-card').waitFor({ timeout: 30_000 });
      await chat.chatName(seller, 'Corner Bakery');
      await chat.chatName(who.clients.otherSeller, 'Mila');
      await chat.say(who.clients.otherSeller, channelId, 'Is there a rye one today?');
      await chat.say(seller, channelId, 'Rye comes out at 11, I will show it!');
      await chat.say(who.clients.otherSeller, channelId, 'Perfect, saving me one <3');
      await app.page.getByText('Perfect, saving me one <3').waitFor();
      await app.page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1);
    },
  },
  {
    name: 'live',
    as: 'sellers',
    show: appPage(() => '/live'),
  },
  {
    name: 'admin',
    as: 'admins',
    show: appPage(() => '/admin'),
  },
  {
    name: 'not-found',
    async show(app) {
      await app.open('/no-such-page');
      await heading(app.page, 'Nothing here');
    },
  },
  {
    name: 'offline',
    async show(app) {
      // The service worker takes over from the second load; the third has no network.
      await app.open('/');
      await app.page.evaluate(() => navigator.serviceWorker.ready);
      await app.page.reload();
      await shell(app.page);
      await app.browser.context.setOffline(true);
      await app.page.reload();
      await shell(app.page);
      await app.page.getByText('You are offline').waitFor();
    },
  },
];

/** Lets the page finish what it is loading so the picture does not catch it half-drawn. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

async function capture(screen: Screen, fixtures: Fixtures): Promise<string> {
  const app = await openAppBrowser(fixtures.info);
  try {
    // Still frames: no transition caught halfway.
    await app.page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    if (screen.as) {
      const user = demoUser(fixtures.info, screen.as);
      await app.signIn(user.username, user.password);
    }
    await screen.show(app, fixtures);
    await settle(app.page);
    await app.page.screenshot({ path: join(OUT_DIR, `${screen.name}.png`), fullPage: true });
    await app.page.emulateMedia({ colorScheme: 'light' });
    await settle(app.page);
    await app.page.screenshot({ path: join(OUT_DIR, `${screen.name}-light.png`), fullPage: true });
    return app.errors.length > 0 ? `saved; the page reported: ${app.errors.join(' | ')}` : 'saved';
  } finally {
    await app.close();
  }
}

/** The build the stack will serve is older than the code: say so, the pictures would mislead. */
function warnIfBuildIsStale(): void {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const path = join(dir, entry.name);
        return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
      }),
    );
  const built = join(APP_DIR, 'dist', 'index.html');
  const builtAt = (() => {
    try {
      return statSync(built).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (builtAt < Math.max(newest(join(APP_DIR, 'src')), newest(join(APP_DIR, 'public'))))
    console.warn(
      'app/dist is older than app/src: run `npx vite build` in app/ for screenshots of this code.',
    );
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !SCREENS.some((screen) => screen.name === name));
  if (unknown.length > 0) {
    console.error(
      `No screen named ${unknown.join(', ')}. Screens: ${SCREENS.map((s) => s.name).join(', ')}.`,
    );
    return 1;
  }
  const screens = wanted.length > 0 ? SCREENS.filter((screen) => wanted.includes(screen.name)) : SCREENS;
  warnIfBuildIsStale();
  mkdirSync(OUT_DIR, { recursive: true });

  const dataDir = mkdtempSync(join(tmpdir(), 'golive-screenshots-'));
  const stack = await startStackProcess({ dataDir });
  const who = await identities(stack.info);
  let failed = 0;
  try {
    const created = await call<ApiOperations.CreateChannelMutation>(who.clients.seller, op.CREATE_CHANNEL, {
      name: 'Corner Bakery',
    });
    const channelId = created.data?.createChannel.id;
    if (!channelId) throw new Error(`could not create a channel: ${JSON.stringify(created.errors)}`);
    const fixtures: Fixtures = { info: stack.info, who, channelId };

    for (const screen of screens) {
      try {
        console.log(`${screen.name}: ${await capture(screen, fixtures)}`);
      } catch (error) {
        if (error instanceof Unreachable) {
          console.log(`${screen.name}: not reachable here (${error.message})`);
        } else {
          failed++;
          console.error(`${screen.name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  } finally {
    who.stop();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`Screenshots in ${OUT_DIR}`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
