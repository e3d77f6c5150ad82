import { resolveFfmpeg } from '@golive/common/binaries';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Fmp4FragmentReader, type Fmp4Fragment, type Fmp4Init } from './fmp4-fragments';

const run = promisify(execFile);

/** Five seconds of H.264 (a keyframe every 2 s) and AAC, fragmented as the packager asks FFmpeg to. */
async function fragmentedMp4(fps = 30): Promise<Buffer> {
  const { stdout } = await run(
    resolveFfmpeg(),
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=320x180:rate=${fps}`,
      '-f',
      'lavfi',
      '-i',
      'sine=sample_rate=48000',
      '-t',
      '5',
      '-c:v',
      'libx264',
      // Live encoders (browsers', transwrap's) send no B-frames.
      '-tune',
      'zerolatency',
      '-g',
      String(2 * fps),
      '-sc_threshold',
      '0',
      '-c:a',
      'aac',
      '-f',
      'mp4',
      '-movflags',
      'empty_moov+default_base_moof+frag_keyframe',
      '-frag_duration',
      '300000',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

test('FFmpeg output read in arbitrary chunks gives the init section, then each fragment with its duration and keyframe', async () => {
  const mp4 = await fragmentedMp4();
  const pieces: (Fmp4Init | Fmp4Fragment)[] = [];
  const reader = new Fmp4FragmentReader((piece) => pieces.push(piece));
  for (let at = 0, size = 1; at < mp4.length; at += size, size = ((size * 7) % 5003) + 1)
    reader.push(mp4.subarray(at, at + size));

  const [init, ...fragments] = pieces;
  expect(init?.kind).toBe('init');
  expect(init?.bytes.toString('latin1', 4, 8)).toBe('ftyp');
  expect(fragments.every((piece) => piece.kind === 'fragment')).toBe(true);
  const parts = fragments as Fmp4Fragment[];
  // Cut at 0.3 s and at each keyframe: ~0.3 s parts (audio frames do not end exactly there), the last of each GOP shorter.
  expect(parts.every((part) => part.durationS > 0 && part.durationS <= 0.4)).toBe(true);
  // Audio may run a frame past the video.
  expect(Math.abs(parts.reduce((sum, part) => sum + part.durationS, 0) - 5)).toBeLessThan(0.1);
  const keyframeAt: number[] = [];
  let elapsed = 0;
  for (const part of parts) {
    if (part.independent) keyframeAt.push(elapsed);
    elapsed += part.durationS;
  }
  expect(keyframeAt.map((at) => Math.round(at * 10) / 10)).toEqual([0, 2, 4]);
  // The bytes pass through as they were: what FFmpeg wrote, less its closing index (mfra).
  const passed = Buffer.concat(pieces.map((piece) => piece.bytes));
  expect(mp4.subarray(0, passed.length).equals(passed)).toBe(true);
  expect(mp4.toString('latin1', passed.length + 4, passed.length + 8)).toBe('mfra');
});

test('a camera that sends two frames a second: every part adds time, and only those led by a keyframe are joinable', async () => {
  const mp4 = await fragmentedMp4(2);
  const parts: Fmp4Fragment[] = [];
  new Fmp4FragmentReader((piece) => piece.kind === 'fragment' && parts.push(piece)).push(mp4);

  // FFmpeg leaves some fragments with audio only; each goes out with the next one.
  expect(parts.every((part) => part.durationS >= 0.001)).toBe(true);
  expect(Math.abs(parts.reduce((sum, part) => sum + part.durationS, 0) - 5)).toBeLessThan(0.1);
  const keyframeAt: number[] = [];
  let elapsed = 0;
  for (const part of parts) {
    if (part.independent) keyframeAt.push(Math.round(elapsed * 10) / 10);
    elapsed += part.durationS;
  }
  expect(keyframeAt).toEqual([0, 2, 4]);
});

test('a box that claims to be smaller than its own header is refused, not looped on', () => {
  const reader = new Fmp4FragmentReader(() => undefined);
  const broken = Buffer.from([0, 0, 0, 4, 0x6d, 0x6f, 0x6f, 0x66]);
  expect(() => reader.push(broken)).toThrow('a box of 4 bytes cannot be read');
});
