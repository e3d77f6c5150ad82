/**
 * The media verify publishes: FFmpeg's test pattern and a tone, made live (at real-time pace) and
 * muxed as Chrome's MediaRecorder muxes (Matroska, H.264 + Opus; transwrap/PROTOCOL.md), in
 * chunks as FFmpeg writes them, like a browser's recorder. Keyframes every 2 s, as IVS asks.
 */
import { spawn } from 'node:child_process';
import { resolveFfmpeg } from '@golive/common/binaries';
import type { MediaDeclaration } from '../../../transwrap/src/protocol/messages';
import { VerifyFailure } from './failure-hints';

export const TEST_PATTERN_MEDIA: MediaDeclaration = { container: 'webm', video: 'h264', audio: 'opus' };

const FRAME_RATE = 30;

export interface TestPattern {
  /** Resolves when FFmpeg has written everything (after finish()); rejects if it failed. */
  ended: Promise<void>;
  /** Ends the pattern as a recorder stops: FFmpeg writes what it holds and exits. */
  finish(): void;
  /** Stops FFmpeg at once (clean-up after a failure). */
  kill(): void;
}

export function startTestPattern(onChunk: (chunk: Buffer) => void): TestPattern {
  let ffmpeg: string;
  try {
    ffmpeg = resolveFfmpeg();
  } catch (error) {
    throw new VerifyFailure('ffmpeg:missing', (error as Error).message);
  }
  const child = spawn(
    ffmpeg,
    [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
      ...['-re', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${FRAME_RATE}`],
      ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency'],
      ...['-g', String(2 * FRAME_RATE), '-b:v', '1000k', '-maxrate', '1000k', '-bufsize', '2000k'],
      ...['-c:a', 'libopus', '-b:a', '96k', '-f', 'matroska', 'pipe:1'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  let finishing = false;
  child.stdout.on('data', onChunk);
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  const ended = new Promise<void>((resolve, reject) => {
    child.once('error', (error) =>
      reject(new VerifyFailure('ffmpeg:exit', `FFmpeg did not start: ${error.message}`)),
    );
    child.once('close', (code, signal) => {
      // After finish(), FFmpeg exits 255 ("received signal 2") once it has written the rest.
      if (code === 0 || (finishing && (code === 255 || signal === 'SIGINT'))) resolve();
      else
        reject(
          new VerifyFailure(
            'ffmpeg:exit',
            `FFmpeg exited (${code ?? signal}): ${errors.trim() || 'no message'}`,
          ),
        );
    });
  });
  ended.catch(() => undefined);
  return {
    ended,
    finish() {
      finishing = true;
      child.kill('SIGINT');
    },
    kill() {
      finishing = true;
      child.kill('SIGKILL');
    },
  };
}
