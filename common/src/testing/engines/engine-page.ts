/**
 * A page in any of the three engines, with what an end-to-end scenario does in it: open a page,
 * fill a field by its label and press a button by its text (the way a person finds them, and
 * the same in every engine: Chromium's ARIA selectors do not exist in the others), wait for
 * something to be true with a deadline that says what was awaited, and see video play.
 */
import { poll, within } from '../poll';
import { launchChromiumDriver } from './chromium-driver';
import { launchFirefoxDriver } from './firefox-driver';
import type { EngineName, Json, PageDriver } from './page-driver';
import { lookAtVideo, type VideoLook } from './video-look';
import { launchWebKitDriver } from './webkit-driver';

export type { EngineName } from './page-driver';
export type { VideoLook } from './video-look';
export const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit'];

const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * How long one call into the page may take. A page's script answers in milliseconds; an engine
 * whose page process hangs (seen once in WebKitGTK while playing) never answers at all, and a
 * scenario should then fail saying so, not at the test runner's timeout.
 */
const ANSWER_MS = 20_000;

export class EnginePage {
  private marks = 0;

  constructor(
    readonly engine: EngineName,
    readonly driver: PageDriver,
  ) {}

  goto(url: string): Promise<void> {
    return this.driver.goto(url);
  }

  evaluate: PageDriver['evaluate'] = (fn, ...args) =>
    within(
      `${this.engine}: an answer from the page (is the engine hung?)`,
      this.driver.evaluate(fn, ...args),
      ANSWER_MS,
    );

  /**
   * Resolves with `fn`'s result once it is truthy; rejects after `timeoutMs` saying what was
   * awaited and what `fn` returned last.
   */
  async waitFor<T, A extends Json[]>(
    what: string,
    fn: (...args: A) => T | Promise<T>,
    args: A,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<NonNullable<T>> {
    let last: T | undefined;
    return poll(
      () => `${this.engine}: ${what} (last: ${JSON.stringify(last)})`,
      async () => {
        last = await this.evaluate(fn, ...args);
        return last ? last : undefined;
      },
      timeoutMs,
    );
  }

  /** Waits for the page's text to include `text`. */
  async waitForText(text: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    await this.waitFor(
      `the text "${text}"`,
      (wanted) => document.body?.innerText.includes(wanted),
      [text],
      timeoutMs,
    );
  }

  async hasText(text: string): Promise<boolean> {
    return (
      (await this.evaluate((wanted) => document.body?.innerText.includes(wanted) ?? false, text)) === true
    );
  }

  /** Types into the input whose label starts with `label`. */
  async fill(label: string, value: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const mark = await this.mark(
      `an input labelled "${label}"`,
      (text, token) => {
        const input = [...document.querySelectorAll('label')].find((each) =>
          each.textContent?.trim().startsWith(text),
        )?.control;
        input?.setAttribute('data-engine-mark', token);
        return Boolean(input);
      },
      label,
      timeoutMs,
    );
    await this.driver.type(mark, value);
  }

  /**
   * Chooses the option whose text is `option` in the select labelled `label`, as a change made
   * by the person (the page hears its 'change' event).
   */
  async select(label: string, option: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    await this.waitFor(
      `the option "${option}" in the select labelled "${label}"`,
      (labelText, optionText) => {
        const select = [...document.querySelectorAll('label')].find(
          (each) => each.textContent?.trim() === labelText,
        )?.control;
        if (!(select instanceof HTMLSelectElement) || select.disabled) return false;
        const choice = [...select.options].find((each) => each.text.trim() === optionText);
        if (!choice) return false;
        select.value = choice.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return select.value === choice.value;
      },
      [label, option],
      timeoutMs,
    );
  }

  /** Clicks the enabled button whose text is `name`, inside `within` (a CSS selector). */
  async press(name: string, within = 'body', timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const mark = await this.mark(
      `an enabled "${name}" button in ${within}`,
      (text, token, scope) => {
        const button = [...document.querySelectorAll<HTMLButtonElement>(`${scope} button`)].find(
          (each) => each.textContent?.trim() === text && !each.disabled,
        );
        button?.setAttribute('data-engine-mark', token);
        return Boolean(button);
      },
      name,
      timeoutMs,
      within,
    );
    await this.driver.click(mark);
  }

  /** Resolves once the <video> plays for real: time advances and the picture changes. */
  async videoPlays(selector = 'video', timeoutMs = DEFAULT_TIMEOUT_MS): Promise<VideoLook> {
    let first: VideoLook | undefined;
    let last: VideoLook | undefined;
    return poll(
      () => `${this.engine}: the video to play: first ${JSON.stringify(first)}, last ${JSON.stringify(last)}`,
      async () => {
        last = await this.evaluate(lookAtVideo, selector);
        if (!first) first = last;
        else if (
          last &&
          last.currentTime > first.currentTime + 0.5 &&
          last.frame !== first.frame &&
          !last.paused
        )
          return last;
        return undefined;
      },
      timeoutMs,
    );
  }

  /**
   * Hides the page as switching to another tab does (visibilitychange, document.hidden) and
   * resolves with what shows it again; both wait until the page itself says so.
   */
  async hide(): Promise<() => Promise<void>> {
    if (!this.driver.background)
      throw new Error(`${this.engine}: a page cannot be hidden in this engine here`);
    const bringBack = await this.driver.background();
    await this.waitFor('the page hidden', () => document.visibilityState === 'hidden', []);
    return async () => {
      await bringBack();
      await this.waitFor('the page visible', () => document.visibilityState === 'visible', []);
    };
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /** Finds an element with `find` (which marks it with the token) and returns a selector for it. */
  private async mark<A extends Json[]>(
    what: string,
    find: (text: string, token: string, ...rest: A) => boolean,
    text: string,
    timeoutMs: number,
    ...rest: A
  ): Promise<string> {
    const token = `mark-${++this.marks}`;
    await this.waitFor(what, find, [text, token, ...rest] as [string, string, ...A], timeoutMs);
    return `[data-engine-mark="${token}"]`;
  }
}

/** Opens a phone-sized page (390x844) in the engine, with its fake or mock camera and microphone. */
export async function launchEngine(engine: EngineName): Promise<EnginePage> {
  const viewport = { width: 390, height: 844 };
  const driver =
    engine === 'chromium'
      ? await launchChromiumDriver({ viewport })
      : engine === 'firefox'
        ? await launchFirefoxDriver(viewport)
        : await launchWebKitDriver(viewport);
  return new EnginePage(engine, driver);
}
