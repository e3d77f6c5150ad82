/** The live bitrate follows the uplink: down fast, up slowly, within bounds. */
import { CALM_SECONDS_TO_RAISE, MIN_VIDEO_KBPS, nextBitrate, type BitrateState } from './bitrate-policy';

const TARGET = 2500;
const at = (kbps: number, calm = 0): BitrateState => ({ kbps, calm });

test.each<[string, BitrateState, Parameters<typeof nextBitrate>[2], BitrateState]>([
  [
    'a backlog of a second or more cuts the bitrate by 30 %',
    at(2500),
    { type: 'backlog', seconds: 1.5 },
    at(1750),
  ],
  ['never below the floor', at(350), { type: 'backlog', seconds: 3 }, at(MIN_VIDEO_KBPS)],
  [
    "transwrap's advice caps it below what it asks for",
    at(2500),
    { type: 'advice', maxKbps: 1200 },
    at(1080),
  ],
  [
    'advice above the current bitrate changes nothing but the calm count',
    at(800, 5),
    { type: 'advice', maxKbps: 2000 },
    at(800),
  ],
  [
    'a small backlog holds, and restarts the calm count',
    at(1000, 7),
    { type: 'backlog', seconds: 0.5 },
    at(1000),
  ],
  ['a calm second counts', at(1000, 3), { type: 'backlog', seconds: 0 }, at(1000, 4)],
  [
    'enough calm seconds raise it by 15 %',
    at(1000, CALM_SECONDS_TO_RAISE - 1),
    { type: 'backlog', seconds: 0 },
    at(1150),
  ],
  [
    'never above the chosen quality',
    at(2400, CALM_SECONDS_TO_RAISE - 1),
    { type: 'backlog', seconds: 0 },
    at(TARGET),
  ],
  [
    'at the chosen quality it stays',
    at(TARGET, CALM_SECONDS_TO_RAISE - 1),
    { type: 'backlog', seconds: 0 },
    at(TARGET, CALM_SECONDS_TO_RAISE),
  ],
])('%s', (_case, state, signal, expected) => {
  expect(nextBitrate(state, TARGET, signal)).toEqual(expected);
});
