/**
 * The little each browser engine's automation must do for the end-to-end scenarios: open a URL,
 * run a function in the page, click and type into an element found by a CSS selector, close.
 * Everything else (finding controls as a person reads them, waiting, looking at video) is built
 * once on top of it, in engine-page.ts, so a scenario reads the same on every engine.
 */

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** Arguments and results cross into the page and back as JSON. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `fn` called with `args`, as one expression for drivers that evaluate source text. */
export function callExpression(fn: (...args: never[]) => unknown, args: unknown[]): string {
  return `(${fn.toString()})(...${JSON.stringify(args)})`;
}

export interface PageDriver {
  goto(url: string): Promise<void>;
  /**
   * Runs `fn` in the page with `args` and resolves with what it returns (a promise is awaited;
   * the result comes back as JSON). `fn` is sent as source: it must not close over anything.
   */
  evaluate<T, A extends Json[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
  click(selector: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  /**
   * Puts the page in the background (another tab in front, as a person switching away does) and
   * resolves with what brings it back to the front. Only where the engine hides a page in the
   * background here: Firefox does; Chromium under playwright keeps every page visible (measured:
   * another tab in front, a minimised window, a frozen lifecycle state all leave it "visible").
   */
  background?(): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
