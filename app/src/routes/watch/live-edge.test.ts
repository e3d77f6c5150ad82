/**
 * How the watch page steers a live viewer toward the newest video: a table of what it sees each
 * second (how much is buffered beyond what shows) and what it does.
 */
import { LIVE_EDGE, LiveEdgeKeeper } from './live-edge';

const { window, seekAboveS, landS, catchUpAboveS, settledS, catchUpRate } = LIVE_EDGE;
const steady = (currentTime: number, bufferedEnd: number) => ({ currentTime, bufferedEnd, steady: true });
/** Feeds one gap a second; returns each step. */
const feed = (keeper: LiveEdgeKeeper, gaps: number[]) =>
  gaps.map((gap, second) => keeper.next(steady(second, second + gap)));

test('a late joiner far behind is moved close to the newest video at once', () => {
  const keeper = new LiveEdgeKeeper();
  expect(keeper.next(steady(10, 10 + seekAboveS + 2))).toEqual({
    rate: 1,
    seekTo: 10 + seekAboveS + 2 - landS,
  });
});

test('a little behind: faster until the smallest recent gap is small, then normal speed', () => {
  const keeper = new LiveEdgeKeeper();
  const behind = Array<number>(window).fill(catchUpAboveS + 0.3);
  const closing = Array<number>(window).fill(settledS - 0.1);
  const steps = feed(keeper, [...behind, ...closing]);
  expect(steps.slice(0, window).every((step) => step.rate === catchUpRate)).toBe(true);
  // The smallest recent gap drops to "settled" with the first small one: normal speed from there.
  expect(steps.slice(window).every((step) => step.rate === 1)).toBe(true);
  expect(steps.every((step) => step.seekTo === undefined)).toBe(true);
});

test('in between, it keeps doing what it did: no flapping between speeds', () => {
  const keeper = new LiveEdgeKeeper();
  const between = (settledS + catchUpAboveS) / 2;
  expect(feed(keeper, [between, between]).map((step) => step.rate)).toEqual([1, 1]);
  const faster = new LiveEdgeKeeper();
  feed(faster, [catchUpAboveS + 0.3]);
  expect(feed(faster, Array<number>(window).fill(between)).map((step) => step.rate)).toEqual(
    Array<number>(window).fill(catchUpRate),
  );
});

test('the sawtooth of two-second segments arriving does not make it speed up: its low point counts', () => {
  const keeper = new LiveEdgeKeeper();
  const low = settledS - 0.1;
  const gaps = Array.from({ length: 3 * window }, (_, second) => low + 2 - (second % 3));
  const steps = feed(keeper, gaps);
  expect(steps.slice(3).every((step) => step.rate === 1)).toBe(true);
});

test('paused, seeking or nothing buffered: normal speed, and the window starts over', () => {
  const keeper = new LiveEdgeKeeper();
  expect(keeper.next(steady(0, catchUpAboveS + 0.5)).rate).toBe(catchUpRate);
  expect(keeper.next({ currentTime: 2, bufferedEnd: 4.5, steady: false })).toEqual({ rate: 1 });
  expect(keeper.next({ currentTime: 3, bufferedEnd: undefined, steady: true })).toEqual({ rate: 1 });
  // A long pause leaves the viewer far behind: once playing again it is moved forward.
  expect(keeper.next(steady(3, 30))).toEqual({ rate: 1, seekTo: 30 - landS });
});
