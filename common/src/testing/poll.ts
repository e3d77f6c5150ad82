/**
 * The tests' one way to wait: on a condition, never on time. A wait names what it waits for, so
 * one that runs out says what never happened. (Messages a client receives are waited for with
 * message-log.ts, which is event-driven.)
 */

/**
 * What a wait is for, said when it fails: a text, or a function asked only then, so that it can
 * add what was seen instead ("channel x to be LIVE (it is OFFLINE)").
 */
export type What = string | (() => string);

const said = (what: What) => (typeof what === 'string' ? what : what());

/**
 * Reads until `read` returns something (not undefined), then returns it; fails naming `what` if
 * nothing comes within `timeoutMs`. For reads that cost something (a request, a process list).
 */
export async function poll<T>(
  what: What,
  read: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${said(what)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until `check` holds, looking every 50 ms (for state the test already has in memory: a
 * list of events, a counter); fails naming `what` if it does not within `timeoutMs`.
 */
export async function until(what: What, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${said(what)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits for something that says when it happens (a promise: a process exiting, a reply): settles
 * as `promise` does, or fails naming `what` if it has not within `timeoutMs`.
 */
export async function within<T>(what: What, promise: Promise<T>, timeoutMs = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${said(what)}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
