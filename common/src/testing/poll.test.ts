/**
 * The waiting module: poll and until return as soon as their condition holds and otherwise fail
 * at their deadline naming what they waited for (a function naming it is asked only then, to say
 * what was seen); within settles as its promise does, or fails the same way at its deadline.
 * The clock is Jest's: these waits look again on timers, which the tests move by hand.
 */
import { poll, until, within } from './poll';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('poll returns the first value that is not undefined, looking every 200 ms', async () => {
  const reads: number[] = [];
  const read = () => {
    reads.push(Date.now());
    return reads.length === 3 ? 'found' : undefined;
  };
  const found = poll('the third read', read);
  await jest.advanceTimersByTimeAsync(400);
  await expect(found).resolves.toBe('found');
  expect(reads.map((at) => at - reads[0]!)).toEqual([0, 200, 400]);
});

test('poll fails at its deadline, asking a function for what it waited for only then', async () => {
  let seen = 'OFFLINE';
  const what = jest.fn(() => `the channel LIVE (it is ${seen})`);
  // Expected before the clock moves, so that the failure is handled when it comes.
  const failed = expect(poll(what, () => undefined, 1000)).rejects.toThrow(
    new Error('timed out after 1000 ms waiting for the channel LIVE (it is CONNECTING)'),
  );
  await jest.advanceTimersByTimeAsync(800);
  seen = 'CONNECTING';
  expect(what).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(400);
  await failed;
});

test('until returns once its check holds, and fails at its deadline naming what it waited for', async () => {
  let count = 0;
  const counted = until('three events', () => count >= 3, 1000);
  count = 3;
  await jest.advanceTimersByTimeAsync(50);
  await expect(counted).resolves.toBeUndefined();

  const never = expect(until('a fourth event', () => false, 1000)).rejects.toThrow(
    new Error('timed out after 1000 ms waiting for a fourth event'),
  );
  await jest.advanceTimersByTimeAsync(1100);
  await never;
});

test('within settles as its promise does, and leaves no timer behind', async () => {
  await expect(within('an answer', Promise.resolve(42), 1000)).resolves.toBe(42);
  await expect(within('an answer', Promise.reject(new Error('refused')), 1000)).rejects.toThrow('refused');
  expect(jest.getTimerCount()).toBe(0);
});

test('within fails at its deadline naming what it waited for', async () => {
  const failed = expect(within('FFmpeg to exit', new Promise(() => undefined), 1000)).rejects.toThrow(
    new Error('timed out after 1000 ms waiting for FFmpeg to exit'),
  );
  await jest.advanceTimersByTimeAsync(1000);
  await failed;
});
