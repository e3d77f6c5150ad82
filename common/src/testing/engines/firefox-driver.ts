/** Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (firefox.ts) as a PageDriver. */
import { launchFirefox } from '../firefox';
import { callExpression, type PageDriver } from './page-driver';

export async function launchFirefoxDriver(
  viewport: { width: number; height: number } = { width: 390, height: 844 },
): Promise<PageDriver> {
  const firefox = await launchFirefox(viewport);
  const { page } = firefox;
  return {
    // Firefox reports NS_BINDING_ABORTED when another navigation (the page's own, or a reload of the
    // address already shown) replaces the one asked for: then the page that loads is the one to use.
    goto: async (url) => {
      try {
        await (page.url() === url ? page.reload() : page.goto(url));
      } catch (error) {
        if (!String(error).includes('NS_BINDING_ABORTED')) throw error;
        await page.waitForFunction(() => document.readyState === 'complete', { timeout: 30_000 });
      }
    },
    evaluate: <T>(fn: (...args: never[]) => unknown, ...args: unknown[]) =>
      page.evaluate(callExpression(fn, args)) as Promise<T>,
    // Firefox completes input only in the tab in front.
    click: async (selector) => {
      await page.bringToFront();
      await page.click(selector);
    },
    type: async (selector, text) => {
      await page.bringToFront();
      await page.type(selector, text);
    },
    background: async () => {
      const other = await firefox.browser.newPage();
      await other.bringToFront();
      return async () => {
        await page.bringToFront();
        await other.close();
      };
    },
    close: () => firefox.close(),
  };
}
