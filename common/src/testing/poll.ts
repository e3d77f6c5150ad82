/**
 * The tests' one way to wait: on a condition, never on time. A wait names what it waits for, so
 * one that runs out says what never happened.
 */

/**
 * Reads until `read` returns something (not undefined), then returns it; fails naming `what` if
 * nothing comes within `timeoutMs`. For reads that cost something (a request, a process list).
 */
export async function poll<T>(
  what: string,
  read: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until `check` holds, looking every 50 ms (for state the test already has in memory: a
 * list of events, a counter); fails naming `what` if it does not within `timeoutMs`.
 */
export async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
