/**
 * The IVS side of a relay: an FFmpeg that copies the FLV it is given to IVS over RTMP(S). It owns
 * the connection, so what feeds it can change without IVS seeing the stream end. Its progress
 * lines give the frame rate reaching IVS, and the first frame out means the stream is live.
 */
import { EventEmitter } from 'node:events';
import { publisherArgs } from './ffmpeg-args';
import { FfmpegProcess, type FfmpegExit } from './ffmpeg-process';

interface PublisherEvents {
  /** The first frame has gone on to IVS. */
  live: [];
  drain: [];
  exit: [FfmpegExit];
}

export class Publisher extends EventEmitter<PublisherEvents> {
  private readonly ffmpeg: FfmpegProcess;
  fps = 0;
  live = false;

  constructor(ffmpegPath: string, output: string) {
    super();
    this.ffmpeg = new FfmpegProcess(ffmpegPath, publisherArgs(output), output);
    this.ffmpeg.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('fps=')) this.fps = Number(line.slice(4)) || 0;
        if (!this.live && line.startsWith('frame=') && Number(line.slice(6)) > 0) {
          this.live = true;
          this.emit('live');
        }
      }
    });
    this.ffmpeg.on('drain', () => this.emit('drain'));
    this.ffmpeg.on('exit', (exit) => this.emit('exit', exit));
  }

  /** false: the pipe is full; wait for 'drain'. */
  write(bytes: Buffer): boolean {
    return this.ffmpeg.write(bytes);
  }

  get queuedBytes(): number {
    return this.ffmpeg.queuedBytes;
  }

  /** Ends the stream: FFmpeg sends what it has, closes the RTMP stream and exits. */
  finish(): void {
    this.ffmpeg.finish();
  }

  kill(): void {
    this.ffmpeg.kill();
  }

  abort(reason: string): void {
    this.ffmpeg.abort(reason);
  }
}
