import { readAvcDescription, writeAvcDescription } from './avc-description';

const hex = (text: string) => Uint8Array.from(text.match(/../g)!.map((byte) => parseInt(byte, 16)));
const SPS = '6742c01fd900b40a1a10000003001001e84800f1832480';
const PPS = '68cb8cb2';
/** What Firefox ESR 153's H.264 encoder gave as its description (each set's NAL header doubled). */
const FIREFOX = hex(`0142c01f030100186767${SPS.slice(2)}01000568${PPS}`);
/** The same sets, well formed (as FFmpeg writes them from the stream's own SPS and PPS). */
const WELL_FORMED = hex(`0142c01fffe10017${SPS}010004${PPS}`);

test.each([
  { kind: 'a well-formed description', record: WELL_FORMED, readable: true },
  { kind: "Firefox's description (each set's NAL header byte twice)", record: FIREFOX, readable: false },
  { kind: 'an empty description', record: new Uint8Array(0), readable: false },
  { kind: 'a description cut short', record: WELL_FORMED.subarray(0, 20), readable: false },
])('$kind holds together: $readable', ({ record, readable }) => {
  expect(readAvcDescription(record) !== undefined).toBe(readable);
});

test('what is written reads back', () => {
  const sets = readAvcDescription(WELL_FORMED)!;
  expect(writeAvcDescription(sets)).toEqual(WELL_FORMED);
});
