/**
 * Turns one live channel into low-latency HLS without re-encoding: FFmpeg plays the channel from
 * the local RTMP ingest and writes 1-second segments (or one GOP, if longer) with a short sliding
 * playlist, deleting old segments. Stopping it ends the playlist with EXT-X-ENDLIST.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface PackagerOptions {
  ffmpeg: string;
  /** Where the packager plays the stream from: the ingest's RTMP URL with the stream's playback path, not its key. */
  source: string;
  /** The folder served as /api/video/v1/. */
  hlsDir: string;
  /** The playlist's file name, e.g. us-east-1.000000000000.channel.<id>.m3u8. */
  playlist: string;
  channelId: string;
  log: (line: string) => void;
}

export class HlsPackager {
  private readonly process: ChildProcess;
  readonly exited: Promise<void>;

  constructor(options: PackagerOptions) {
    // A new broadcast starts clean: the last one's segments and ended playlist go.
    rmSync(join(options.hlsDir, options.channelId), { recursive: true, force: true });
    rmSync(join(options.hlsDir, options.playlist), { force: true });
    mkdirSync(join(options.hlsDir, options.channelId), { recursive: true });
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-analyzeduration',
      '1000000',
      '-i',
      options.source,
      '-c',
      'copy',
      '-f',
      'hls',
      '-hls_time',
      '1',
      '-hls_list_size',
      '6',
      '-hls_delete_threshold',
      '2',
      '-hls_flags',
      'delete_segments+independent_segments+program_date_time+temp_file',
      '-hls_base_url',
      `${options.channelId}/`,
      '-hls_segment_filename',
      join(options.hlsDir, options.channelId, '%d.ts'),
      join(options.hlsDir, options.playlist),
    ];
    this.process = spawn(options.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    this.process.stderr?.on(
      'data',
      (chunk: Buffer) => (errors = `${errors}${chunk.toString()}`.slice(-2000)),
    );
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        if (code !== 0 && signal !== 'SIGINT' && code !== 255) {
          options.log(
            `HLS packager for channel ${options.channelId} exited (${code ?? signal}): ${errors.trim()}`,
          );
        }
        resolve();
      });
    });
  }

  /** Lets FFmpeg finish the playlist (EXT-X-ENDLIST), then makes sure it is gone. */
  async stop(): Promise<void> {
    this.process.kill('SIGINT');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}
