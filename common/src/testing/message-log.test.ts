/**
 * The message log the test clients keep: a wait gets the first matching message at or after its
 * cursor, settled by the push that brings it (the clock never moves in these tests: nothing
 * polls), fails at once when the source ends or fails, and otherwise at its deadline, saying
 * what it waited for and what came.
 */
import { MessageLog } from './message-log';

interface Message {
  type: string;
  n?: number;
}

const ofType = (type: string) => (message: Message) => message.type === type;

/** The error a wait failed with (and a failure of its own if it did not fail). */
const failure = (waiting: Promise<unknown>) =>
  waiting.then(
    () => new Error('the wait did not fail'),
    (error: unknown) => error as Error,
  );

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('a message that came before the wait began is the answer', async () => {
  const log = new MessageLog<Message>();
  const ack = { type: 'ack' };
  log.push({ type: 'ka' });
  log.push(ack);
  await expect(log.next('an ack', ofType('ack'))).resolves.toBe(ack);
});

test('a wait is settled by the push that brings its message, with no timer left behind', async () => {
  const log = new MessageLog<Message>();
  const waiting = log.next('data', ofType('data'));
  log.push({ type: 'ka' });
  const data = { type: 'data', n: 1 };
  log.push(data);
  await expect(waiting).resolves.toBe(data);
  expect(jest.getTimerCount()).toBe(0);
});

test('the first match is the answer and stays in the log: a cursor waits for a newer one', async () => {
  const log = new MessageLog<Message>();
  log.push({ type: 'ka', n: 1 });
  const first = await log.next('a keep-alive', ofType('ka'));
  expect(await log.next('a keep-alive', ofType('ka'))).toBe(first);
  expect(log.messages).toEqual([{ type: 'ka', n: 1 }]);

  const fromNow = log.next('a keep-alive from now on', ofType('ka'), { after: log.length });
  const pastFirst = log.next('the keep-alive after the first', ofType('ka'), {
    after: log.indexOf(first) + 1,
  });
  log.push({ type: 'data' });
  log.push({ type: 'ka', n: 2 });
  await expect(fromNow).resolves.toEqual({ type: 'ka', n: 2 });
  await expect(pastFirst).resolves.toEqual({ type: 'ka', n: 2 });
});

test('the end of the source fails a waiting wait at once, and every later one that nothing matches', async () => {
  const log = new MessageLog<Message>();
  log.push({ type: 'ready' });
  const waiting = failure(log.next('a stats message', ofType('stats')));
  log.end('the socket closed (1006)');
  expect((await waiting).message).toBe(
    'the socket closed (1006), waiting for a stats message; came: {"type":"ready"}',
  );
  await expect(log.next('a drain message', ofType('drain'))).rejects.toThrow(
    'the socket closed (1006), waiting for a drain message',
  );
  // What came before the end is still there to be found.
  await expect(log.next('a ready message', ofType('ready'))).resolves.toEqual({ type: 'ready' });
  expect(jest.getTimerCount()).toBe(0);
});

test('a failed source fails the wait with its error as the cause; the first stop is the one said', async () => {
  const log = new MessageLog<Message>();
  const waiting = failure(log.next('a ready message', ofType('ready')));
  const unreadable = new Error('the server sent a message the protocol does not allow');
  log.fail(unreadable);
  log.end('the socket closed (1000)');
  const error = await waiting;
  expect(error.message).toBe(
    'the server sent a message the protocol does not allow, waiting for a ready message; nothing came',
  );
  expect(error.cause).toBe(unreadable);
});

test('at its deadline a wait fails naming what it waited for and what came after its cursor', async () => {
  const log = new MessageLog<Message>();
  log.push({ type: 'ka', n: 0 });
  const waiting = failure(
    log.next('a complete for sub-1', ofType('complete'), { after: 1, timeoutMs: 1000 }),
  );
  for (let n = 1; n <= 25; n++) log.push({ type: 'ka', n });
  jest.advanceTimersByTime(999);
  log.push({ type: 'data', n: 26 });
  jest.advanceTimersByTime(1);
  const error = await waiting;
  expect(error.message).toMatch(
    /^timed out after 1000 ms waiting for a complete for sub-1; came after the first 1: \(6 earlier, then\) \{"type":"ka","n":7\}, .*, \{"type":"data","n":26\}$/,
  );
});

test('a long message is listed cut short', async () => {
  const log = new MessageLog<string>();
  log.push('x'.repeat(1000));
  const waiting = failure(log.next('a short one', (message) => message.length < 10, { timeoutMs: 10 }));
  jest.advanceTimersByTime(10);
  const error = await waiting;
  expect(error.message).toBe(`timed out after 10 ms waiting for a short one; came: "${'x'.repeat(299)}…`);
});
