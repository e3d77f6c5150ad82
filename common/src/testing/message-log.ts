/**
 * What a test client received, in order, and the way to wait for one message: event-driven (the
 * push that brings a message settles the waits it matches; nothing looks again on a timer), with
 * a deadline, and stopped at once when the source has ended or failed, saying what was awaited
 * and what did come.
 *
 * Which message a wait gets: the first that matches at or after the cursor `after` (an index
 * into `messages`, 0 unless given), whether it came before the wait began or comes later.
 * Nothing is ever removed, so two waits for the same thing get the same message; to wait for a
 * newer one, pass `after: log.length` (only what comes from now on) or `log.indexOf(message) + 1`
 * (what came after the one already used).
 */

export interface NextOptions {
  /** Only messages at this index of `messages` or later count (0: all of them). */
  after?: number;
  timeoutMs?: number;
}

interface Waiter<T> {
  after: number;
  match: (message: T) => boolean;
  resolve: (message: T) => void;
  /** Rejects, saying why the source stopped. */
  stopped: (error: Error) => void;
}

/** How many of the messages that came a failed wait lists (the last ones). */
const LISTED = 20;
/** Each listed message is cut to this many characters. */
const LISTED_CHARS = 300;

function describe(message: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(message) ?? String(message);
  } catch {
    text = String(message);
  }
  return text.length > LISTED_CHARS ? `${text.slice(0, LISTED_CHARS)}…` : text;
}

export class MessageLog<T> {
  private readonly received: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();
  /** Set once the source ended or failed: waits that nothing matches fail with it at once. */
  private stop?: Error;

  /** Every message, oldest first (the same array throughout: it only grows). */
  get messages(): readonly T[] {
    return this.received;
  }

  /** How many messages came: `after: log.length` waits for one that comes from now on. */
  get length(): number {
    return this.received.length;
  }

  /** Where `message` (a message this log handed out) stands: `indexOf(m) + 1` is the cursor past it. */
  indexOf(message: T): number {
    return this.received.indexOf(message);
  }

  /** A message came: it settles every wait it matches. */
  push(message: T): void {
    const index = this.received.push(message) - 1;
    for (const waiter of [...this.waiters])
      if (index >= waiter.after && waiter.match(message)) waiter.resolve(message);
  }

  /** The source closed (a socket, a stream): no more messages will come. */
  end(reason: string): void {
    this.stopWith(new Error(reason));
  }

  /** The source failed (an error, a message the client cannot read): waiting on is pointless. */
  fail(error: unknown): void {
    this.stopWith(
      error instanceof Error ? error : new Error(typeof error === 'string' ? error : describe(error)),
    );
  }

  /**
   * The first message that matches, at or after `after`: at once if it came already, else when
   * it comes. Fails naming `what` when `timeoutMs` (10 s unless given) passes first, or at once
   * when the source has ended or failed with no match, listing what did come.
   */
  next(what: string, match: (message: T) => boolean, options: NextOptions = {}): Promise<T> {
    const { after = 0, timeoutMs = 10_000 } = options;
    const found = this.received.slice(after).find(match);
    if (found !== undefined) return Promise.resolve(found);
    if (this.stop) return Promise.reject(this.stoppedError(what, after, this.stop));
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter<T> = {
        after,
        match,
        resolve: (message) => {
          settle();
          resolve(message);
        },
        stopped: (error) => {
          settle();
          reject(this.stoppedError(what, after, error));
        },
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${this.seen(after)}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private stopWith(error: Error): void {
    if (this.stop) return;
    this.stop = error;
    for (const waiter of [...this.waiters]) waiter.stopped(error);
  }

  private stoppedError(what: string, after: number, cause: Error): Error {
    return new Error(`${cause.message}, waiting for ${what}; ${this.seen(after)}`, { cause });
  }

  /** What came that the wait could have matched: the messages from `after` on. */
  private seen(after: number): string {
    const candidates = this.received.slice(after);
    const since = after > 0 ? ` after the first ${after}` : '';
    if (candidates.length === 0) return `nothing came${since}`;
    const listed = candidates.slice(-LISTED).map(describe);
    const earlier = candidates.length - listed.length;
    return `came${since}: ${earlier > 0 ? `(${earlier} earlier, then) ` : ''}${listed.join(', ')}`;
  }
}
