/**
 * Real media for Chromium's fake camera and microphone, made once with FFmpeg and cached:
 * a moving test pattern whose burned-in counter changes every frame (so a test can tell frames
 * apart and see motion), and a steady tone.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveFfmpeg } from '../binaries';
import { CACHE_DIR } from '../repo-paths';
import { FRAME_CODE_PERIOD, frameCodeChroma, frameCodeLuma } from './frame-code';

const run = promisify(execFile);

export interface FakeMediaOptions {
  width?: number;
  height?: number;
  fps?: number;
  /** Chromium loops the files, so a few seconds is enough. */
  seconds?: number;
  toneHz?: number;
  /** Each frame carries its number (frame-code.ts), for latency benchmarks; the file then lasts FRAME_CODE_PERIOD frames. */
  frameCode?: boolean;
}

export interface FakeMedia {
  /** Raw YUV4MPEG2 video for `--use-file-for-fake-video-capture`. */
  video: string;
  /** 48 kHz PCM WAV for `--use-file-for-fake-audio-capture`. */
  audio: string;
  width: number;
  height: number;
  fps: number;
}

export const FAKE_MEDIA_DIR = join(CACHE_DIR, 'media');

/** Generations under way in this process: browsers launched together share one FFmpeg run. */
const pending = new Map<string, Promise<void>>();

function generate(target: string, args: string[]): Promise<void> {
  if (existsSync(target)) return Promise.resolve();
  let generation = pending.get(target);
  if (!generation) {
    generation = writeOnce(target, args).finally(() => pending.delete(target));
    pending.set(target, generation);
  }
  return generation;
}

/** Writes through a name of its own so parallel test workers never read a half-written file. */
async function writeOnce(target: string, args: string[]): Promise<void> {
  mkdirSync(FAKE_MEDIA_DIR, { recursive: true });
  const partial = `${target}.${process.pid}-${randomUUID()}.partial`;
  try {
    await run(resolveFfmpeg(), ['-hide_banner', '-loglevel', 'error', '-y', ...args, partial], {
      timeout: 120_000,
    });
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

export async function fakeMedia(options: FakeMediaOptions = {}): Promise<FakeMedia> {
  const { width = 640, height = 360, fps = 30, toneHz = 440, frameCode = false } = options;
  const seconds = frameCode ? FRAME_CODE_PERIOD / fps : (options.seconds ?? 4);
  const name = frameCode ? 'frame-code' : 'pattern';
  const video = join(FAKE_MEDIA_DIR, `${name}-${width}x${height}-${fps}fps-${seconds}s.y4m`);
  const audio = join(FAKE_MEDIA_DIR, `tone-${toneHz}hz-${seconds}s.wav`);
  const codeBand = frameCode
    ? [
        '-vf',
        `geq=lum='${frameCodeLuma(width, height)}':cb='${frameCodeChroma(height, 'cb')}':cr='${frameCodeChroma(height, 'cr')}'`,
      ]
    : [];
  await generate(video, [
    '-f',
    'lavfi',
    // testsrc draws its counter with built-in digits (no font needed); 3 decimals => a new value every frame.
    '-i',
    `testsrc=size=${width}x${height}:rate=${fps}:decimals=3`,
    ...codeBand,
    '-frames:v',
    String(Math.round(seconds * fps)),
    '-pix_fmt',
    'yuv420p',
    '-f',
    'yuv4mpegpipe',
  ]);
  await generate(audio, [
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${toneHz}:sample_rate=48000`,
    '-t',
    String(seconds),
    '-ac',
    '2',
    '-c:a',
    'pcm_s16le',
    '-f',
    'wav',
  ]);
  return { video, audio, width, height, fps };
}
