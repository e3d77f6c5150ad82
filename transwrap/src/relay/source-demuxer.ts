/**
 * The seller's side of a relay: an FFmpeg that reads the browser's container on stdin and puts
 * out FLV tags (copying or transcoding, see ffmpeg-args.ts). Its output can be paused while the
 * publisher is full; FFmpeg then stops reading, and its input pipe fills in turn.
 */
import { EventEmitter } from 'node:events';
import { FlvTagReader, type FlvTag } from '@golive/common/media/flv';
import type { MediaDeclaration } from '../protocol/messages';
import { sourceArgs } from './ffmpeg-args';
import { FfmpegProcess, type FfmpegExit } from './ffmpeg-process';

interface SourceEvents {
  tag: [FlvTag];
  drain: [];
  exit: [FfmpegExit];
}

export class SourceDemuxer extends EventEmitter<SourceEvents> {
  private readonly ffmpeg: FfmpegProcess;

  constructor(ffmpegPath: string, media: MediaDeclaration) {
    super();
    this.ffmpeg = new FfmpegProcess(ffmpegPath, sourceArgs(media));
    const reader = new FlvTagReader((tag) => this.emit('tag', tag));
    let unreadable = false;
    this.ffmpeg.stdout.on('data', (chunk: Buffer) => {
      if (unreadable) return;
      try {
        reader.push(chunk);
      } catch (error) {
        unreadable = true;
        this.ffmpeg.abort(`the source's output is not FLV: ${String(error)}`);
      }
    });
    this.ffmpeg.on('drain', () => this.emit('drain'));
    this.ffmpeg.on('exit', (exit) => this.emit('exit', exit));
  }

  write(chunk: Buffer): boolean {
    return this.ffmpeg.write(chunk);
  }

  get queuedBytes(): number {
    return this.ffmpeg.queuedBytes;
  }

  /** Stops taking FFmpeg's output (the publisher is full), or takes it again. */
  pause(): void {
    this.ffmpeg.stdout.pause();
  }

  resume(): void {
    this.ffmpeg.stdout.resume();
  }

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
