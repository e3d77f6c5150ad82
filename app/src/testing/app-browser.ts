/**
 * The PWA in a real browser for tests: Debian's Chromium (fake camera and microphone), at a
 * phone's 390x844 unless told otherwise, opened on a local stack's built app, signing in through
 * the app's own sign-in page like a person would. Whatever the page's Content-Security-Policy
 * refuses counts as an error: the app must work within its policy.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserOptions, type TestBrowser } from '@golive/common/testing/browser';
import type { LocalStackInfo } from '@golive/local/stack-info';

/** The stack's demo user in a group (sellers, admins): the one the API tests sign in as. */
export { demoUser } from '@golive/local/testing/api-clients';

export interface AppBrowser {
  browser: TestBrowser;
  page: Page;
  /** Problems the page reported (uncaught errors, console.error, CSP violations), for tests to assert there are none. */
  errors: string[];
  /** What the Content-Security-Policy refused: `<directive> <what was blocked>`. */
  cspViolations: string[];
  /** Opens a path of the app, e.g. `/watch/abc`. */
  open(path: string): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  close(): Promise<void>;
}

export async function openAppBrowser(
  info: LocalStackInfo,
  options: BrowserOptions = {},
): Promise<AppBrowser> {
  const browser = await launchBrowser(options);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const errors: string[] = [];
  const cspViolations: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Reported by every document the page loads, from before the app's own scripts run.
  await page.exposeFunction('reportCspViolation', (violation: string) => {
    cspViolations.push(violation);
    errors.push(`Content-Security-Policy refused ${violation}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (violation: string) => void })
        .reportCspViolation;
      report(`${event.effectiveDirective} ${event.blockedURI || '(inline)'}`);
    });
  });
  // A player's own error message is generic ("MEDIA_ERR_DECODE"); the browser's reason, which
  // says what in the stream it could not take, is on the media element.
  await page.addInitScript(() => {
    document.addEventListener(
      'error',
      (event) => {
        const element = event.target;
        if (element instanceof HTMLMediaElement && element.error)
          console.error(`media element error ${element.error.code}: ${element.error.message}`);
      },
      true,
    );
  });
  page.on('console', (message) => {
    // Chromium logs every HTTP error status and refused connection; how the app handles those is
    // what tests look at.
    const network = /^(Failed to load resource|WebSocket connection to .* failed)/;
    if (message.type() === 'error' && !network.test(message.text())) errors.push(message.text());
  });
  const open = async (path: string) => {
    await page.goto(new URL(path, info.app.url).href);
  };
  return {
    browser,
    page,
    errors,
    cspViolations,
    open,
    async signIn(username, password) {
      await open('/sign-in');
      await page.getByLabel('Email').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    },
    close: () => browser.close(),
  };
}

/** The top bar every screen of the app has: once it shows, the app has started. */
export function appShell(page: Page) {
  return page.getByRole('link', { name: 'GoLive home' });
}

/**
 * Call at the top of a test file: a fresh browser per test (`app.current`), closed after it, and
 * a test fails if the page reported an error.
 */
export function useAppBrowser(api: { stack: { info: LocalStackInfo } }): { current: AppBrowser } {
  const app = {} as { current: AppBrowser };
  beforeEach(async () => {
    app.current = await openAppBrowser(api.stack.info);
  });
  afterEach(async () => {
    expect(app.current.errors).toEqual([]);
    await app.current.close();
  });
  return app;
}
