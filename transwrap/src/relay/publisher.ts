/**
 * The IVS side of a relay: an FFmpeg that copies the FLV it is given to IVS over RTMP(S). It owns
 * the connection, so what feeds it can change without IVS seeing the stream end. Its progress
 * lines give the frame rate reaching IVS, and the first frame out means the stream is live.
 */
import { publisherArgs } from './ffmpeg-args';
import { FfmpegProcess } from './ffmpeg-process';

export class Publisher extends FfmpegProcess {
  fps = 0;
  live = false;

  /** @param onLive called when the first frame has gone on to IVS */
  constructor(ffmpegPath: string, output: string, onLive: () => void) {
    super(ffmpegPath, publisherArgs(output), output);
    this.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('fps=')) this.fps = Number(line.slice(4)) || 0;
        if (!this.live && line.startsWith('frame=') && Number(line.slice(6)) > 0) {
          this.live = true;
          onLive();
        }
      }
    });
  }
}
