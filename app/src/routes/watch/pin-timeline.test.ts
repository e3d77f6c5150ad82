/** Which pin a viewer sees, as the API and the video tell it in whatever order they arrive. */
import { CUE_GRACE_MS, PinTimeline, type Pin } from './pin-timeline';

function timeline(playing: boolean) {
  const shown: (string | null)[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const pins = new PinTimeline({
    onShow: (pin) => shown.push(pin.productId),
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      if (timer) (timer as { cleared: boolean }).cleared = true;
    },
  });
  pins.setPlaying(playing);
  const elapse = () => timers.filter((timer) => !timer.cleared).forEach((timer) => timer.run());
  return { pins, shown, elapse, timers };
}

const pin = (productId: string | null, at: number): Pin => ({ productId, at });

test('a viewer who comes late sees the saved pin at once, playing or not', () => {
  for (const playing of [true, false]) {
    const { pins, shown } = timeline(playing);
    pins.saved(pin('mug', 1000));
    expect(shown).toEqual(['mug']);
  }
});

test('while the video plays, a pushed pin waits for its moment in the video', () => {
  const { pins, shown } = timeline(true);
  pins.saved(pin('mug', 1000));
  pins.pushed(pin('scarf', 2000));
  expect(shown).toEqual(['mug']);
  pins.cue(pin('scarf', 2000));
  expect(shown).toEqual(['mug', 'scarf']);
});

test('a pushed pin whose cue never comes shows after the grace time', () => {
  const { pins, shown, elapse, timers } = timeline(true);
  pins.pushed(pin('scarf', 2000));
  expect(timers.at(-1)?.ms).toBe(CUE_GRACE_MS);
  elapse();
  expect(shown).toEqual(['scarf']);
});

test('when the video is not playing, a pushed pin shows at once; one waiting shows when it stops', () => {
  const { pins, shown } = timeline(false);
  pins.pushed(pin('mug', 1000));
  expect(shown).toEqual(['mug']);
  pins.setPlaying(true);
  pins.pushed(pin('scarf', 2000));
  pins.setPlaying(false);
  expect(shown).toEqual(['mug', 'scarf']);
});

test('an older pin never replaces a newer one, from the video or the API', () => {
  const { pins, shown, elapse } = timeline(true);
  pins.saved(pin('scarf', 2000));
  pins.cue(pin('mug', 1000)); // the video plays a moment before the saved pin
  pins.pushed(pin('mug', 1500));
  elapse();
  pins.saved(pin('mug', 1000));
  expect(shown).toEqual(['scarf']);
});

test('unpinning is a pin of nothing, ordered like the others', () => {
  const { pins, shown, elapse } = timeline(true);
  pins.cue(pin('mug', 1000));
  pins.pushed(pin(null, 3000));
  pins.cue(pin(null, 3000));
  elapse(); // the grace timer was cleared when the cue came
  expect(shown).toEqual(['mug', null]);
});

test('a cue for a later pin than the one waiting settles both', () => {
  const { pins, shown, elapse } = timeline(true);
  pins.pushed(pin('mug', 1000));
  pins.pushed(pin('scarf', 2000));
  pins.cue(pin('scarf', 2000));
  elapse();
  expect(shown).toEqual(['scarf']);
});
