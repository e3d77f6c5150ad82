import { FlvTagReader, type FlvTag } from '@golive/common/media/flv';
import {
  aacHeader,
  audio,
  avcHeader,
  describeTag,
  frame,
  keyframe,
  script,
} from '@golive/common/testing/flv-tags';
import { FlvSplicer, SWITCH_GAP_MS, type SplicerInput } from './flv-splicer';

/** A splicer whose output is read back as tags, described as `kind@timestamp` for readable tables. */
function spliced(tracks = { audio: true, video: true }) {
  const out: string[] = [];
  // Each output (publisher) reads an FLV stream of its own, header first.
  let reader: FlvTagReader;
  const splicer = new FlvSplicer((bytes) => reader.push(bytes));
  const start = () => {
    reader = new FlvTagReader((tag) => out.push(describeTag(tag)));
    splicer.start(tracks);
  };
  start();
  const push = (from: SplicerInput, ...tags: FlvTag[]) => tags.forEach((tag) => splicer.push(from, tag));
  return { splicer, push, out, start };
}

test("the seller's stream goes out from its first keyframe, configurations first, its metadata dropped", () => {
  const { push, out } = spliced();
  push(
    'seller',
    script,
    avcHeader(1),
    aacHeader(1),
    frame(960),
    audio(980),
    keyframe(1000),
    audio(1010),
    frame(1033),
  );
  expect(out).toEqual(['avc-config-1@0', 'aac-config-1@0', 'key@0', 'audio@10', 'frame@33']);
});

test('a switch to the slate waits for its keyframe, sends its configurations, and runs on from the last frame', () => {
  const { splicer, push, out } = spliced();
  push('seller', avcHeader(1), aacHeader(1), keyframe(5000), frame(5033), audio(5040));
  splicer.switchTo('slate');
  push('slate', avcHeader(2), aacHeader(2));
  // The seller's media that still comes in is not sent; the slate's starts at its keyframe.
  push('seller', frame(5066));
  push('slate', keyframe(0), audio(5), frame(33));
  expect(out.slice(5)).toEqual([
    `avc-config-2@${40 + SWITCH_GAP_MS}`,
    `aac-config-2@${40 + SWITCH_GAP_MS}`,
    `key@${40 + SWITCH_GAP_MS}`,
    `audio@${45 + SWITCH_GAP_MS}`,
    `frame@${73 + SWITCH_GAP_MS}`,
  ]);
});

test("back from the slate: the seller's configurations again at its next keyframe, timestamps still running on", () => {
  const { splicer, push, out } = spliced();
  push('seller', avcHeader(1), aacHeader(1), keyframe(0), frame(33));
  splicer.switchTo('slate');
  push('slate', avcHeader(2), keyframe(0), frame(33), frame(66));
  splicer.switchTo('seller');
  // Thirty seconds later in the seller's timeline: frames before its next keyframe are skipped.
  push('seller', frame(30_000), keyframe(30_033), frame(30_066));
  push('slate', frame(99));
  const back = 33 + SWITCH_GAP_MS + 66 + SWITCH_GAP_MS;
  expect(out.slice(-4)).toEqual([
    `avc-config-1@${back}`,
    `aac-config-1@${back}`,
    `key@${back}`,
    `frame@${back + 33}`,
  ]);
});

test('timestamps never go back on a track: audio from before the join point is dropped', () => {
  const { push, out } = spliced();
  push(
    'seller',
    avcHeader(1),
    aacHeader(1),
    audio(990),
    keyframe(1000),
    audio(995),
    audio(1001),
    frame(1033),
    audio(1000),
  );
  expect(out).toEqual(['avc-config-1@0', 'aac-config-1@0', 'key@0', 'audio@1', 'frame@33']);
});

test('a new output (a restarted publisher) gets an FLV header and the stream from the next keyframe', () => {
  const { push, out, start } = spliced({ audio: false, video: true });
  push('seller', avcHeader(1), keyframe(0), frame(33));
  expect(out).toEqual(['avc-config-1@0', 'key@0', 'frame@33']);
  start();
  push('seller', frame(66), keyframe(2000), frame(2033));
  expect(out.slice(3)).toEqual([
    `avc-config-1@${33 + SWITCH_GAP_MS}`,
    `key@${33 + SWITCH_GAP_MS}`,
    `frame@${66 + SWITCH_GAP_MS}`,
  ]);
});

test("a configuration change within the seller's stream goes out where it happens", () => {
  const { push, out } = spliced();
  push('seller', avcHeader(1), keyframe(0), frame(33), avcHeader(3), keyframe(66));
  expect(out).toEqual(['avc-config-1@0', 'key@0', 'frame@33', 'avc-config-3@33', 'key@66']);
});
