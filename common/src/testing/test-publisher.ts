/**
 * A broadcaster for tests: FFmpeg publishing a generated 720p30 H.264 + AAC stream (or another
 * size) to an RTMP(S) URL at real-time pace, as OBS or transwrap would.
 */
import { spawn } from 'node:child_process';
import { resolveFfmpeg } from '../binaries';

export interface Publisher {
  /** Resolves with FFmpeg's exit code when it stops (end of stream, refusal or kill). */
  exited: Promise<number | null>;
  stderr(): string;
  stop(): void;
}

export function publishTestStream(
  url: string,
  { seconds = 6, keyframeSeconds = 1, size = '1280x720' } = {},
): Publisher {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=30`,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(30 * keyframeSeconds),
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-f',
    'flv',
    url,
  ];
  const child = spawn(resolveFfmpeg(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { exited, stderr: () => errors, stop: () => child.kill('SIGKILL') };
}
