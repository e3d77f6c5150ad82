/**
 * Media files as browsers produce them, made by FFmpeg once and cached: Matroska/WebM with
 * H.264 + Opus (Chrome's MediaRecorder, and the app's WebCodecs path in Chromium and Firefox),
 * Matroska H.264 + AAC at 44.1 kHz mono (the app's WebCodecs path where the browser encodes AAC,
 * as WebKitGTK's microphone gives it), WebM VP8 + Opus (Firefox's MediaRecorder), fragmented MP4
 * H.264 + AAC (Safari's MediaRecorder). H.264 is x264's ultrafast: no B-frames, like browsers' real-time encoders, and a
 * quarter of veryfast's CPU, so a minute of media is made in seconds even on a busy machine.
 */
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { resolveFfmpeg } from '@golive/common/binaries';
import { CACHE_DIR } from '@golive/common/repo-paths';
import type { MediaDeclaration } from '../protocol/messages';

export type BrowserMedia = 'chrome-h264' | 'webcodecs-aac' | 'firefox-vp8' | 'safari-mp4';

const RECIPES: Record<BrowserMedia, { media: MediaDeclaration; extension: string; args: string[] }> = {
  'chrome-h264': {
    media: { container: 'webm', video: 'h264', audio: 'opus' },
    extension: 'mkv',
    args: [
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '60',
      '-b:v',
      '2500k',
      '-c:a',
      'libopus',
      '-b:a',
      '96k',
      '-f',
      'matroska',
    ],
  },
  'webcodecs-aac': {
    media: { container: 'webm', video: 'h264', audio: 'aac' },
    extension: 'mkv',
    args: [
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-b:v', '2500k'],
      ...['-c:a', 'aac', '-b:a', '96k', '-ar', '44100', '-ac', '1', '-f', 'matroska'],
    ],
  },
  'firefox-vp8': {
    media: { container: 'webm', video: 'vp8', audio: 'opus' },
    extension: 'webm',
    args: [
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '1500k',
      '-c:a',
      'libopus',
      '-b:a',
      '96k',
      '-f',
      'webm',
    ],
  },
  'safari-mp4': {
    media: { container: 'mp4', video: 'h264', audio: 'aac' },
    extension: 'mp4',
    args: [
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-g',
        '60',
        '-b:v',
        '2500k',
        '-c:a',
        'aac',
        '-b:a',
        '128k',
      ],
      ...['-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4'],
    ],
  },
};

const TEST_SOURCES = (size: string) => [
  ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30`],
  ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
];

/**
 * A broadcaster that records until it is told to stop: FFmpeg making `kind`'s media at real-time
 * pace on stdout, for a broadcast that must still be sending whenever a test looks at it, however
 * long the test takes (a file ends, and an idle broadcast is closed). Phone-sized, to keep its
 * encoder light beside what the test measures. Kill it to stop.
 */
export function liveBrowserMedia(kind: BrowserMedia): {
  media: MediaDeclaration;
  recorder: ChildProcessByStdio<null, Readable, null>;
} {
  const recipe = RECIPES[kind];
  const recorder = spawn(
    resolveFfmpeg(),
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...TEST_SOURCES('640x360'),
      ...['-pix_fmt', 'yuv420p', ...recipe.args, 'pipe:1'],
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return { media: recipe.media, recorder };
}

export function browserMedia(
  kind: BrowserMedia,
  seconds = 8,
): { path: string; media: MediaDeclaration; seconds: number } {
  const recipe = RECIPES[kind];
  const dir = join(CACHE_DIR, 'media');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${kind}-v3-${seconds}s.${recipe.extension}`);
  if (!existsSync(path)) {
    // Per process: parallel test workers may make the same file at once; the last rename wins.
    const partial = `${path}.${process.pid}.partial`;
    execFileSync(resolveFfmpeg(), [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...TEST_SOURCES('1280x720'),
      ...['-t', String(seconds), '-pix_fmt', 'yuv420p', ...recipe.args, partial],
    ]);
    renameSync(partial, path);
  }
  return { path, media: recipe.media, seconds };
}
