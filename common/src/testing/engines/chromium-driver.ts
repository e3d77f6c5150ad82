/** Debian's Chromium through playwright-core (browser.ts) as a PageDriver. */
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserOptions } from '../browser';
import { callExpression, type PageDriver } from './page-driver';

export function chromiumDriver(page: Page, close: () => Promise<void>): PageDriver {
  return {
    goto: async (url) => void (await page.goto(url)),
    evaluate: (fn, ...args) => page.evaluate(callExpression(fn, args)),
    click: (selector) => page.click(selector),
    type: (selector, text) => page.fill(selector, text),
    close,
  };
}

export async function launchChromiumDriver(options: BrowserOptions = {}): Promise<PageDriver> {
  const browser = await launchBrowser(options);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return chromiumDriver(page, () => browser.close());
}
