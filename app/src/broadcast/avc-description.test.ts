import { checkedAvcDescription } from './avc-description';

const hex = (text: string) => Uint8Array.from(text.match(/../g)!.map((byte) => parseInt(byte, 16)));
const SPS = '6742c01fd900b40a1a10000003001001e84800f1832480';
const PPS = '68cb8cb2';
/** What Firefox ESR 153's H.264 encoder gave as its description (each set's NAL header doubled). */
const FIREFOX = hex(`0142c01f030100186767${SPS.slice(2)}01000568${PPS}`);
/** The same sets, well formed (as FFmpeg writes them from the stream's own SPS and PPS). */
const WELL_FORMED = hex(`0142c01fffe10017${SPS}010004${PPS}`);
/** A keyframe as the encoder gives it ('avc' format, 4-byte lengths): SPS, PPS, then the slice. */
const KEYFRAME = hex(`00000017${SPS}00000004${PPS}0000000565888400ff`);

test("Firefox's description is rebuilt from the keyframe's own SPS and PPS", () => {
  expect(checkedAvcDescription(FIREFOX, KEYFRAME)).toEqual(WELL_FORMED);
});

test('a well-formed description is kept as the encoder gave it', () => {
  expect(checkedAvcDescription(WELL_FORMED, KEYFRAME)).toBe(WELL_FORMED);
});

test('with no parameter sets in the keyframe, the description is left as it was', () => {
  expect(checkedAvcDescription(FIREFOX, hex('0000000565888400ff'))).toBe(FIREFOX);
});
