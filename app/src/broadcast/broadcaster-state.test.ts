/** The broadcaster's state machine, transition by transition, as the seller experiences it. */
import {
  IDLE,
  nextBroadcasterState,
  type BroadcasterEvent,
  type BroadcasterState,
} from './broadcaster-state';

const live: BroadcasterState = { name: 'live', since: 1000 };
const reconnecting: BroadcasterState = { name: 'reconnecting', since: 1000, why: 'resuming' };

test.each<[string, BroadcasterState, BroadcasterEvent, BroadcasterState]>([
  ['Go live starts preparing', IDLE, { type: 'goLive' }, { name: 'preparing' }],
  [
    'Go live again after an error',
    { name: 'error', message: 'x' },
    { type: 'goLive' },
    { name: 'preparing' },
  ],
  ['Go live twice does nothing more', live, { type: 'goLive' }, live],
  ['ready makes it live, timed from then', { name: 'preparing' }, { type: 'connected', at: 1000 }, live],
  [
    'retries before the first ready stay "preparing"',
    { name: 'preparing' },
    { type: 'dropped', why: 'moving' },
    { name: 'preparing' },
  ],
  [
    'a drop while live shows reconnecting, the timer carries on',
    live,
    { type: 'dropped', why: 'resuming' },
    reconnecting,
  ],
  [
    'a move while reconnecting is still reconnecting',
    reconnecting,
    { type: 'dropped', why: 'moving' },
    { ...reconnecting, why: 'moving' },
  ],
  ['back on air keeps the original start time', reconnecting, { type: 'connected', at: 9000 }, live],
  ['Stop while live', live, { type: 'stop' }, { name: 'stopping', since: 1000 }],
  ['Stop while reconnecting', reconnecting, { type: 'stop' }, { name: 'stopping', since: 1000 }],
  ['Stop while preparing', { name: 'preparing' }, { type: 'stop' }, { name: 'stopping' }],
  ['Stop when idle does nothing', IDLE, { type: 'stop' }, IDLE],
  [
    'a normal end returns to idle and says so',
    { name: 'stopping', since: 1000 },
    { type: 'ended', how: 'stopped' },
    { name: 'idle', notice: 'Your broadcast has ended.' },
  ],
  [
    'an admin stop is explained',
    live,
    { type: 'ended', how: 'stoppedByAdmin' },
    { name: 'idle', notice: 'Your broadcast was stopped by an administrator.' },
  ],
  [
    'a failure while live is an error with its message',
    live,
    { type: 'ended', how: 'failed', message: 'no endpoint could be reached' },
    { name: 'error', message: 'no endpoint could be reached' },
  ],
  [
    'a failure before live (camera, ticket) is an error',
    { name: 'preparing' },
    { type: 'failed', message: 'Camera blocked' },
    { name: 'error', message: 'Camera blocked' },
  ],
  [
    'an end after the error was shown changes nothing',
    { name: 'error', message: 'x' },
    { type: 'ended', how: 'stopped' },
    { name: 'error', message: 'x' },
  ],
  ['dismissing an error returns to idle', { name: 'error', message: 'x' }, { type: 'dismiss' }, IDLE],
  ['dismiss does not interrupt a live broadcast', live, { type: 'dismiss' }, live],
])('%s', (_case, state, event, expected) => {
  expect(nextBroadcasterState(state, event)).toEqual(expected);
});
