/** What a viewer sees for each channel status, and how long-running broadcasts are described. */
import { onAirFor, liveFor } from './live-duration';
import { hasPlayer, watchStatusText, watchView } from './watch-state';

test.each([
  // [status, watched a broadcast here already, view, player on the page, status line]
  ['OFFLINE', false, 'offline', false, 'Offline'],
  ['CONNECTING', false, 'starting', false, 'Starting soon'],
  ['LIVE', false, 'live', true, 'Live now'],
  // Opened during a drop: what reached IVS still plays, so the player is there.
  ['INTERRUPTED', false, 'away', true, 'The seller will be right back'],
  ['INTERRUPTED', true, 'away', true, 'The seller will be right back'],
  ['OFFLINE', true, 'ended', false, 'Broadcast ended'],
  // A seller starting again after the end: the page follows.
  ['CONNECTING', true, 'starting', false, 'Starting soon'],
  ['LIVE', true, 'live', true, 'Live now'],
] as const)('%s (watched here: %s) shows %s', (status, watched, view, player, text) => {
  expect(watchView(status, watched)).toBe(view);
  expect(hasPlayer(view)).toBe(player);
  expect(watchStatusText(view)).toBe(text);
});

const start = Date.parse('2026-11-25T12:00:00Z');
test.each([
  [0, 'Just went live'],
  [59_000, 'Just went live'],
  [60_000, 'Live for 1 min'],
  [59 * 60_000, 'Live for 59 min'],
  [60 * 60_000, 'Live for 1 h'],
  [(2 * 60 + 5) * 60_000, 'Live for 2 h 5 min'],
  // A clock a little behind the server's must not say "-1 min".
  [-30_000, 'Just went live'],
])('%i ms after going live: %s', (elapsed, text) => {
  expect(liveFor('2026-11-25T12:00:00Z', start + elapsed)).toBe(text);
});

test('an unknown start says only that it is live', () => {
  expect(liveFor(null, start)).toBe('Live');
  expect(liveFor('not a time', start)).toBe('Live');
  expect(onAirFor(undefined, start)).toBeUndefined();
});
