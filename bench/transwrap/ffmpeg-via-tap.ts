/**
 * transwrap dials only the ingest URL the API gives it, so to put the tap in front of the ingest
 * its FFMPEG_PATH is this shell wrapper: the system FFmpeg with transwrap's own arguments, only the
 * ingest's RTMPS host:port replaced by the tap's (same path and stream key). It execs, so the
 * relay's process tree has no extra process to measure.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFfmpegWrapper(
  dir: string,
  ffmpeg: string,
  ingestPrefix: string,
  tapPrefix: string,
): string {
  const path = join(dir, 'ffmpeg-via-tap.sh');
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      '# bench/transwrap: the same FFmpeg and arguments; the ingest host:port becomes the tap.',
      'for arg do',
      '  shift',
      `  case $arg in ${quote(ingestPrefix)}*) arg=${quote(tapPrefix)}"\${arg#${quote(ingestPrefix)}}" ;; esac`,
      '  set -- "$@" "$arg"',
      'done',
      `exec ${quote(ffmpeg)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}
