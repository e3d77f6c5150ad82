/** Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (firefox.ts) as a PageDriver. */
import { launchFirefox } from '../firefox';
import type { PageDriver } from './page-driver';

export async function launchFirefoxDriver(
  viewport: { width: number; height: number } = { width: 390, height: 844 },
): Promise<PageDriver> {
  const firefox = await launchFirefox(viewport);
  const { page } = firefox;
  return {
    // Firefox aborts a navigation to the address already shown (NS_BINDING_ABORTED): reload it.
    goto: async (url) => void (await (page.url() === url ? page.reload() : page.goto(url))),
    evaluate: <T>(fn: (...args: never[]) => unknown, ...args: unknown[]) =>
      page.evaluate(`(${fn.toString()})(...${JSON.stringify(args)})`) as Promise<T>,
    // Firefox completes input only in the tab in front.
    click: async (selector) => {
      await page.bringToFront();
      await page.click(selector);
    },
    type: async (selector, text) => {
      await page.bringToFront();
      await page.type(selector, text);
    },
    close: () => firefox.close(),
  };
}
