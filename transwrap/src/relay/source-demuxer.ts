/**
 * The seller's side of a relay: an FFmpeg that reads the browser's container on stdin and puts
 * out FLV tags (copying or transcoding, see ffmpeg-args.ts). Its output can be paused while the
 * publisher is full; FFmpeg then stops reading, and its input pipe fills in turn.
 */
import { FlvTagReader, type FlvTag } from '@golive/common/media/flv';
import type { MediaDeclaration } from '../protocol/messages';
import { sourceArgs } from './ffmpeg-args';
import { FfmpegProcess } from './ffmpeg-process';

export class SourceDemuxer extends FfmpegProcess {
  constructor(ffmpegPath: string, media: MediaDeclaration, onTag: (tag: FlvTag) => void) {
    super(ffmpegPath, sourceArgs(media));
    const reader = new FlvTagReader(onTag);
    let unreadable = false;
    this.stdout.on('data', (chunk: Buffer) => {
      if (unreadable) return;
      try {
        reader.push(chunk);
      } catch (error) {
        unreadable = true;
        this.abort(`the source's output is not FLV: ${String(error)}`);
      }
    });
  }

  /** Stops taking FFmpeg's output (the publisher is full), or takes it again. */
  pause(): void {
    this.stdout.pause();
  }

  resume(): void {
    this.stdout.resume();
  }
}
