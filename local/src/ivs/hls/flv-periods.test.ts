import { FlvTagReader, type FlvTag } from '@golive/common/media/flv';
import { aacHeader, audio, avcHeader, describeTag, keyframe } from '@golive/common/testing/flv-tags';
import { FlvPeriods } from './flv-periods';

/** Each period read back as its own FLV stream: `kind@timestamp` per tag. */
function periodsOf(tags: FlvTag[]): string[][] {
  const periods: string[][] = [];
  let reader: FlvTagReader;
  const split = new FlvPeriods(
    (bytes) => {
      const period: string[] = [];
      periods.push(period);
      reader = new FlvTagReader((tag) => period.push(describeTag(tag)));
      reader.push(bytes);
    },
    (bytes) => reader.push(bytes),
  );
  tags.forEach((tag) => split.push(tag));
  return periods;
}

test('one configuration is one period, however often it is repeated', () => {
  expect(
    periodsOf([
      avcHeader(1),
      aacHeader(1),
      keyframe(0),
      audio(10),
      avcHeader(1),
      aacHeader(1),
      keyframe(2000),
    ]),
  ).toEqual([['avc-config-1@0', 'aac-config-1@0', 'key@0', 'audio@10', 'key@2000']]);
});

test('a new configuration starts a new period at the next media, with every configuration then in force', () => {
  const periods = periodsOf([
    ...[avcHeader(1), aacHeader(1), keyframe(0), audio(10)],
    // The slate: a new video configuration, the same audio one.
    ...[avcHeader(2), aacHeader(1), keyframe(1033), audio(1040)],
    // The camera again.
    ...[avcHeader(1), aacHeader(1), keyframe(9000)],
  ]);
  expect(periods).toEqual([
    ['avc-config-1@0', 'aac-config-1@0', 'key@0', 'audio@10'],
    ['avc-config-2@1033', 'aac-config-1@1033', 'key@1033', 'audio@1040'],
    ['avc-config-1@9000', 'aac-config-1@9000', 'key@9000'],
  ]);
});
