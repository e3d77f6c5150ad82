/** What ffprobe reads from a media file: the facts tests assert on. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveFfmpeg, resolveFfprobe } from '../binaries';

const run = promisify(execFile);

export interface ProbedStream {
  /** 'video', 'audio', 'data', ... */
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  sample_rate?: string;
  channels?: number;
  /** Counted by decoding, so it proves the stream really decodes. */
  nb_read_frames?: string;
}

export interface Probe {
  format: { format_name: string; duration?: string };
  streams: ProbedStream[];
}

export async function probeMedia(path: string): Promise<Probe> {
  const { stdout } = await run(
    resolveFfprobe(),
    ['-v', 'error', '-count_frames', '-show_format', '-show_streams', '-of', 'json', path],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as Probe;
}

export function streamOf(probe: Probe, type: 'video' | 'audio'): ProbedStream | undefined {
  return probe.streams.find((s) => s.codec_type === type);
}

/** The average colour of a media file's first video frame, as [red, green, blue] (0-255). */
export async function firstFrameColour(path: string): Promise<[number, number, number]> {
  const { stdout } = await run(
    resolveFfmpeg(),
    [
      '-v',
      'error',
      '-i',
      path,
      '-frames:v',
      '1',
      '-vf',
      'scale=1:1:flags=area',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    { timeout: 60_000, encoding: 'buffer' },
  );
  if (stdout.length < 3) throw new Error(`${path} has no video frame`);
  return [stdout.readUInt8(0), stdout.readUInt8(1), stdout.readUInt8(2)];
}

/** What FFmpeg says while decoding all of a media file: empty when every frame decodes cleanly. */
export async function decodeErrors(path: string): Promise<string> {
  const { stderr } = await run(resolveFfmpeg(), ['-v', 'error', '-i', path, '-f', 'null', '-'], {
    timeout: 60_000,
  });
  return stderr.trim();
}
