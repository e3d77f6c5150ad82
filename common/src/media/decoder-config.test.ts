import { execFileSync } from 'node:child_process';
import { resolveFfmpeg } from '../binaries';
import { aacAudioFormat, avcPictureSize } from './decoder-config';
import { FlvTagReader, FlvTagType, isSequenceHeader, sequenceHeaderPayload, type FlvTag } from './flv';

/** The decoder configurations FFmpeg writes for one frame of H.264 and a little AAC. */
function configsOf(videoArgs: string[], size: string, audio: { rate: number; channels: number }) {
  const flv = execFileSync(resolveFfmpeg(), [
    ...['-hide_banner', '-loglevel', 'error'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30`],
    ...['-f', 'lavfi', '-i', `sine=r=${audio.rate}`],
    ...['-frames:v', '1', '-c:v', 'libx264', ...videoArgs],
    ...['-c:a', 'aac', '-ac', String(audio.channels), '-f', 'flv', 'pipe:1'],
  ]);
  const tags: FlvTag[] = [];
  new FlvTagReader((tag) => tags.push(tag)).push(flv);
  const config = (type: FlvTagType) =>
    sequenceHeaderPayload(tags.find((tag) => tag.type === type && isSequenceHeader(tag))!);
  return { video: config(FlvTagType.Video), audio: config(FlvTagType.Audio) };
}

describe('decoder configurations', () => {
  // Sizes that are not whole macroblocks need the SPS's cropping; high profile adds fields before them.
  it.each([
    ['640x360', ['-profile:v', 'baseline']],
    ['1280x720', ['-profile:v', 'high']],
    ['720x1280', ['-profile:v', 'main']],
    ['854x480', ['-profile:v', 'high']],
    ['1918x1078', ['-profile:v', 'high', '-pix_fmt', 'yuv444p', '-profile:v', 'high444']],
  ])('the picture size of an H.264 stream %s (%s) is read from its SPS', (size, args) => {
    const [width, height] = size.split('x').map(Number);
    expect(avcPictureSize(configsOf(args, size, { rate: 48000, channels: 1 }).video)).toEqual({
      width,
      height,
    });
  });

  it.each([
    [48000, 1],
    [44100, 2],
    [32000, 2],
  ])(
    'the format of AAC at %i Hz with %i channel(s) is read from its AudioSpecificConfig',
    (rate, channels) => {
      expect(aacAudioFormat(configsOf([], '320x240', { rate, channels }).audio)).toEqual({
        sampleRate: rate,
        channels,
      });
    },
  );

  it('says what is wrong with a record that is not AVC', () => {
    expect(() => avcPictureSize(Buffer.from([0, 1, 2]))).toThrow('not an AVC decoder configuration record');
  });
});
