/**
 * Every status line a page shows ([role=status], [role=alert]) from now on, kept by the page
 * itself so that one shown only for a moment between two looks is not missed.
 */
import type { Page } from 'playwright-core';

export async function keepStatusesSeen(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statusesSeen: string[] }).statusesSeen = seen;
    new MutationObserver(() => {
      for (const status of document.querySelectorAll('[role="status"], [role="alert"]'))
        if (status.textContent && !seen.includes(status.textContent)) seen.push(status.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { statusesSeen: string[] }).statusesSeen);
}
