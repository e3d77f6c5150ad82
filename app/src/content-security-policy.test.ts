/**
 * The app under its Content-Security-Policy in Chromium, served by the local stack with this
 * stack's exact origins (Amplify Hosting sends the same policy with https:/wss: for the backend:
 * amplify/hosting.test.ts). Signing in, the camera preview, a live video and the admin console all
 * work with nothing refused; markup or script an attacker gets into a page does not run.
 * (Going live over transwrap's WebSocket is go-live.test.ts, under the same policy.)
 */
import type { Page } from 'playwright-core';
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, openAppBrowser, type AppBrowser } from './testing/app-browser';
import { createChannel, usePublishing } from './testing/broadcasts';
import { videoPlays } from './testing/video-probe';

const api = useApiStack('app-csp', { TRANSWRAP_INSTANCES: '1' });
const publish = usePublishing(api);
let app: AppBrowser;

beforeEach(async () => {
  app = await openAppBrowser(api.stack.info);
});
afterEach(async () => {
  await app.close();
});

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

test('every page carries the policy, which lets the app reach exactly this stack’s services (transwrap on its host, any port: a replaced one may get a new port)', async () => {
  const { info } = api.stack;
  for (const path of ['/', '/live', '/watch/abc', '/amplify_outputs.json']) {
    const response = await fetch(new URL(path, info.app.url));
    const policy = directives(response.headers.get('content-security-policy') ?? '');
    expect({ path, scripts: policy.get('script-src') }).toEqual({ path, scripts: ["'self'"] });
    expect(policy.get('connect-src')?.sort()).toEqual(
      [
        "'self'",
        new URL(info.graphql.url).origin,
        new URL(info.graphql.realtimeUrl).origin,
        new URL(info.cognito.endpoint).origin,
        new URL(info.ivs.hlsBaseUrl).origin,
        ...info.transwrap.map(({ url }) => `${new URL(url).protocol}//${new URL(url).hostname}:*`),
      ].sort(),
    );
  }
});

test('a seller signs in and sees the camera preview, with nothing refused', async () => {
  const seller = demoUser(api.stack.info, 'sellers');
  await app.signIn(seller.username, seller.password);
  await app.open('/live');
  await videoPlays(app.page, 'video[aria-label="Your camera"]', 30_000);
  expect(app.errors).toEqual([]);
}, 60_000);

test('a viewer watches a live channel in Video.js, with nothing refused', async () => {
  const channel = await createChannel(api, 'Policy check');
  await publish(channel.id, 60);
  await app.open(`/watch/${channel.id}`);
  await videoPlays(app.page, 'video', 45_000);
  // Video.js's own <style> elements are off: its stylesheet and `fill` still size the player.
  const box = await app.page.locator('.video-js').boundingBox();
  expect(box?.width).toBeGreaterThan(300);
  expect(box?.height).toBeGreaterThan(150);
  expect(app.errors).toEqual([]);
}, 90_000);

test('an admin opens the admin page and the GraphQL console, styled, with nothing refused', async () => {
  const admin = demoUser(api.stack.info, 'admins');
  await app.signIn(admin.username, admin.password);
  await app.page.getByRole('heading', { name: 'Admin', exact: true }).waitFor();
  await app.page.getByRole('button', { name: 'Open the console' }).click();
  await app.page.getByRole('button', { name: /^Execute query/ }).waitFor({ timeout: 20_000 });
  // GraphiQL's stylesheet applies (adopted through CSSOM, not an inline <style>).
  const layout = await app.page
    .locator('.graphiql-container')
    .evaluate((element) => getComputedStyle(element).display);
  expect(layout).toBe('flex');
  expect(app.errors).toEqual([]);
}, 60_000);

type Attack =
  'inline handler' | 'inline script' | 'data: script' | 'javascript: link' | 'eval' | 'plugin' | 'base';

/**
 * What an attacker who gets markup or a script gadget into a page would try, and what happened
 * first: the policy refused it (the directive it broke), or its script ran ('ran'), or it took
 * effect ('loaded', 'moved').
 */
function attempt(page: Page, attack: Attack): Promise<string> {
  return page.evaluate(
    (attack) =>
      new Promise<string>((resolve) => {
        const ran = `document.dispatchEvent(new Event('injected-ran'))`;
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), {
          once: true,
        });
        document.addEventListener('injected-ran', () => resolve('ran'), { once: true });
        const script = document.createElement('script');
        switch (attack) {
          case 'inline handler':
            document.body.insertAdjacentHTML('beforeend', `<img src="data:," onerror="${ran}">`);
            break;
          case 'inline script':
            script.textContent = ran;
            document.body.append(script);
            break;
          case 'data: script':
            script.src = `data:text/javascript,${ran}`;
            document.body.append(script);
            break;
          case 'javascript: link': {
            const link = document.createElement('a');
            link.href = `javascript:${ran}`;
            document.body.append(link);
            link.click();
            break;
          }
          case 'eval':
            // In a task of its own: code the test driver evaluates may itself use eval.
            setTimeout(() => {
              try {
                (0, eval)(ran);
              } catch (error) {
                if (!(error instanceof EvalError)) resolve(String(error));
              }
            });
            break;
          case 'plugin': {
            const object = document.createElement('object');
            object.addEventListener('load', () => resolve('loaded'));
            object.type = 'image/svg+xml';
            object.data = '/favicon.svg';
            document.body.append(object);
            break;
          }
          case 'base': {
            // A <base> would move where the app's next chunks load from.
            const before = document.baseURI;
            document.head.insertAdjacentHTML('beforeend', '<base href="https://attacker.example/">');
            if (document.baseURI !== before) resolve('moved');
            break;
          }
        }
      }),
    attack,
  );
}

test('script an attacker injects into a page does not run', async () => {
  const seller = demoUser(api.stack.info, 'sellers');
  await app.signIn(seller.username, seller.password);
  const { page } = app;

  expect(await attempt(page, 'inline handler')).toBe('script-src-attr');
  expect(await attempt(page, 'inline script')).toBe('script-src-elem');
  expect(await attempt(page, 'data: script')).toBe('script-src-elem');
  expect(await attempt(page, 'javascript: link')).toBe('script-src-elem');
  expect(await attempt(page, 'eval')).toBe('script-src');
  expect(await attempt(page, 'plugin')).toBe('object-src');
  expect(await attempt(page, 'base')).toBe('base-uri');

  // Nothing else went wrong, and the app is still signed in.
  expect(app.errors.filter((error) => !/Content[- ]Security[- ]Policy/.test(error))).toEqual([]);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
});
