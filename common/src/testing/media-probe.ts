/** What ffprobe reads from a media file: the facts tests assert on. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveFfprobe } from '../binaries';

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
