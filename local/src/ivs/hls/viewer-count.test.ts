/** Viewers are the players waiting at the live edge when a part appears, the most in the last 5 s. */
import { VIEWER_WINDOW_MS, ViewerCount } from './viewer-count';

test('players answered together are counted; one that leaves stops counting after the window', () => {
  let now = 0;
  const viewers = new ViewerCount(() => now);
  expect(viewers.current).toBe(0);
  const partAppears = (waiting: ((answered: boolean) => void)[]) => waiting.forEach((done) => done(true));

  partAppears([viewers.wait(), viewers.wait()]);
  expect(viewers.current).toBe(2);
  // One page closes: its request is dropped, not answered; the other keeps reloading.
  const leaving = viewers.wait();
  const staying = viewers.wait();
  leaving(false);
  now += 500;
  partAppears([staying]);
  expect(viewers.current).toBe(2);
  now += VIEWER_WINDOW_MS;
  partAppears([viewers.wait()]);
  expect(viewers.current).toBe(1);
  now += VIEWER_WINDOW_MS + 1;
  expect(viewers.current).toBe(0);
});
