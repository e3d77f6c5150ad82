import { execFileSync } from 'node:child_process';
import { resolveFfmpeg } from '../binaries';
import { avcPictureSize, aacAudioFormat } from './decoder-config';
import {
  encodeFlvTag,
  flvHeader,
  FlvTagReader,
  FlvTagType,
  isKeyframe,
  isSequenceHeader,
  sequenceHeaderPayload,
  type FlvTag,
} from './flv';

/** Two seconds of FFmpeg-made FLV: H.264 with a keyframe each second, and AAC. */
function ffmpegFlv(): Buffer {
  return execFileSync(resolveFfmpeg(), [
    ...['-hide_banner', '-loglevel', 'error'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30', '-f', 'lavfi', '-i', 'sine=r=44100'],
    ...[
      '-t',
      '2',
      '-c:v',
      'libx264',
      '-g',
      '30',
      '-sc_threshold',
      '0',
      '-bf',
      '0',
      '-c:a',
      'aac',
      '-ac',
      '2',
      '-f',
      'flv',
      'pipe:1',
    ],
  ]);
}

function readAll(bytes: Buffer, chunkSize: number): FlvTag[] {
  const tags: FlvTag[] = [];
  const reader = new FlvTagReader((tag) => tags.push(tag));
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    reader.push(bytes.subarray(offset, offset + chunkSize));
  return tags;
}

describe('FLV tags', () => {
  const flv = ffmpegFlv();

  it("reads FFmpeg's FLV into its sequence headers, keyframes and frames, whatever the chunking", () => {
    const whole = readAll(flv, flv.length);
    expect(readAll(flv, 7)).toEqual(whole);
    const video = whole.filter((tag) => tag.type === FlvTagType.Video);
    const audio = whole.filter((tag) => tag.type === FlvTagType.Audio);
    expect(whole[0]?.type).toBe(FlvTagType.Script); // onMetaData
    expect(video.filter(isSequenceHeader)).toHaveLength(1);
    expect(audio.filter(isSequenceHeader)).toHaveLength(1);
    const keyframes = video.filter(isKeyframe).map((tag) => tag.timestamp);
    expect(keyframes.slice(0, 2)).toEqual([keyframes[0], keyframes[0]! + 1000]);
    expect(video.length - 1).toBeGreaterThanOrEqual(60);
    // Timestamps only go forward within a track.
    const times = video.map((tag) => tag.timestamp);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('the sequence headers say what the streams are', () => {
    const tags = readAll(flv, flv.length);
    const [video] = tags.filter((tag) => tag.type === FlvTagType.Video && isSequenceHeader(tag));
    const [audio] = tags.filter((tag) => tag.type === FlvTagType.Audio && isSequenceHeader(tag));
    expect(avcPictureSize(sequenceHeaderPayload(video!))).toEqual({ width: 320, height: 240 });
    expect(aacAudioFormat(sequenceHeaderPayload(audio!))).toEqual({ sampleRate: 44100, channels: 2 });
  });

  it('writes tags that read back the same, timestamps past 24 bits included', () => {
    const tags: FlvTag[] = [
      { type: FlvTagType.Video, timestamp: 0, data: Buffer.from([0x17, 1, 0, 0, 0, 9]) },
      { type: FlvTagType.Audio, timestamp: 0x1234567, data: Buffer.from([0xaf, 1, 2]) },
    ];
    const bytes = Buffer.concat([flvHeader({ audio: true, video: true }), ...tags.map(encodeFlvTag)]);
    expect(readAll(bytes, 3)).toEqual(tags);
  });

  it('refuses bytes that are not FLV', () => {
    expect(() => new FlvTagReader(() => undefined).push(Buffer.from('\x1aE\xdf\xa3 webm'))).toThrow(
      'not an FLV stream',
    );
  });
});
