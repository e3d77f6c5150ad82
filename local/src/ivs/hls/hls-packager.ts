/**
 * Turns one live channel into low-latency HLS without re-encoding: FFmpeg plays the channel from
 * the local RTMP ingest as FLV; each period of it (flv-periods.ts: a new one wherever the decoder
 * configuration changes, as when transwrap's slate stands in for the camera) is muxed to
 * fragmented MP4 by an FFmpeg of its own (fmp4-muxer.ts), cut at each keyframe and every
 * PART_TARGET_S; each fragment becomes a partial segment the moment it is complete, each GOP a
 * segment (live-playlist.ts), and a new period starts after an EXT-X-DISCONTINUITY with its own
 * init section. FFmpeg 5.1's HLS muxer cannot write partial segments, and its MP4 muxer keeps the
 * first decoder configuration for good, hence this. Files go to <hlsDir>/<channelId>/ (init.mp4,
 * init-<period>.mp4, part-<n>.mp4, <msn>.mp4) and the playlist beside the folder, so an ended
 * broadcast stays playable from disk; old media is deleted as it leaves the playlist. Stopping it
 * ends the playlist with EXT-X-ENDLIST.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlvTagReader } from '@golive/common/media/flv';
import type { Fmp4Fragment } from './fmp4-fragments';
import { FlvPeriods } from './flv-periods';
import { Fmp4Muxer, type Fmp4Piece } from './fmp4-muxer';
import { LivePlaylist, type PartPlacement } from './live-playlist';
import type { LiveStreams } from './live-streams';
import { timedMetadataBox } from './timed-metadata';

export const PART_TARGET_S = 0.4;
const WINDOW_SEGMENTS = 6;
/** Segments kept on disk after they leave the playlist, for players still holding an older one. */
const KEPT_AFTER_LISTING = 2;

export interface PackagerOptions {
  ffmpeg: string;
  /** Where the packager plays the stream from: the ingest's RTMP URL with the stream's playback path, not its key. */
  source: string;
  /** The folder served as /api/video/v1/. */
  hlsDir: string;
  /** The playlist's file name, e.g. us-east-1.000000000000.channel.<id>.m3u8. */
  playlist: string;
  channelId: string;
  live: LiveStreams;
  log: (line: string) => void;
}

export class HlsPackager {
  private readonly process: ChildProcess;
  private readonly folder: string;
  private readonly playlist: LivePlaylist;
  /** Bytes of the open segment's parts, by part number: a completed segment is their concatenation. */
  private readonly openParts = new Map<number, Buffer>();
  /** Part numbers of each segment on disk, to delete with it. */
  private readonly onDisk = new Map<number, number[]>();
  /** The current period's muxer, and the chain that lets each deliver once the one before is done. */
  private muxer?: Fmp4Muxer;
  private muxersDone: Promise<unknown> = Promise.resolve();
  private periods = 0;
  /** PutMetadata texts waiting for the next fragment: they mark where the stream is now. */
  private metadata: string[] = [];
  private failure: unknown;
  readonly exited: Promise<void>;

  constructor(private readonly options: PackagerOptions) {
    this.folder = join(options.hlsDir, options.channelId);
    this.playlist = new LivePlaylist({
      mediaPrefix: `${options.channelId}/`,
      partTargetS: PART_TARGET_S,
      windowSegments: WINDOW_SEGMENTS,
    });
    // A new broadcast starts clean: the last one's media and ended playlist go.
    rmSync(this.folder, { recursive: true, force: true });
    rmSync(join(options.hlsDir, options.playlist), { force: true });
    mkdirSync(this.folder, { recursive: true });
    const names = { playlist: options.playlist, folder: options.channelId };
    options.live.add(names, this.playlist);

    const args = [
      ...['-hide_banner', '-loglevel', 'error'],
      // Over RTMP each track is only known when its first packet comes, so FFmpeg reads until it
      // has seen both (it stops as soon as it has) or 5 s of one: a shorter limit packaged a seller
      // whose camera started late as audio only, for the whole broadcast. Guessing the frame rate
      // would wait for 40 frames: the MP4 needs only the timestamps.
      ...['-analyzeduration', '5000000', '-fpsprobesize', '0', '-i', options.source],
      ...['-map', '0', '-c', 'copy', '-f', 'flv', '-flush_packets', '1', 'pipe:1'],
    ];
    this.process = spawn(options.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const periods = new FlvPeriods(
      (bytes) => this.startPeriod(bytes),
      (bytes) => this.muxer?.write(bytes),
    );
    const reader = new FlvTagReader((tag) => periods.push(tag));
    this.process.stdout?.on('data', (chunk: Buffer) => {
      if (this.failure) return;
      try {
        reader.push(chunk);
      } catch (error) {
        this.unreadable(error);
      }
    });
    let errors = '';
    this.process.stderr?.on(
      'data',
      (chunk: Buffer) => (errors = `${errors}${chunk.toString()}`.slice(-2000)),
    );
    this.exited = new Promise((resolve) => {
      this.process.once('close', (code, signal) => {
        if (code !== 0 && signal !== 'SIGINT' && code !== 255) {
          options.log(
            `HLS packager for channel ${options.channelId} exited (${code ?? signal}): ${errors.trim()}`,
          );
        }
        this.muxer?.end();
        void this.muxersDone.then(() => {
          this.segmentDone(this.playlist.end());
          options.live.remove(names, this.playlist);
          resolve();
        });
      });
    });
  }

  /** Unreadable output: say so once, and end the broadcast's playlist cleanly. */
  private unreadable(error: unknown): void {
    if (this.failure) return;
    this.failure = error;
    this.options.log(
      `HLS packager for channel ${this.options.channelId} cannot read FFmpeg's output: ${String(error)}`,
    );
    this.muxer?.kill();
    this.process.kill('SIGKILL');
  }

  /** A new period: the muxer before it finishes its last fragment, a new one takes over. */
  private startPeriod(bytes: Buffer): void {
    this.muxer?.end();
    const muxer = new Fmp4Muxer(this.options.ffmpeg, (error) => this.unreadable(error));
    this.muxer = muxer;
    this.muxersDone = this.muxersDone.then(async () => {
      muxer.release((piece) => this.piece(piece));
      const { code, errors } = await muxer.closed;
      if (code !== 0 && code !== null && !this.failure)
        this.options.log(`HLS muxer for channel ${this.options.channelId} exited (${code}): ${errors}`);
    });
    muxer.write(bytes);
  }

  private piece(piece: Fmp4Piece): void {
    if (piece.kind === 'fragment') return this.addPart(piece);
    const uri = this.periods++ === 0 ? this.playlist.initUri() : this.playlist.discontinuity();
    this.write(uri, piece.bytes);
  }

  /** Lets FFmpeg write its last fragment, ends the playlist, then makes sure FFmpeg is gone. */
  async stop(): Promise<void> {
    this.process.kill('SIGINT');
    const timer = setTimeout(() => {
      this.process.kill('SIGKILL');
      this.muxer?.kill();
    }, 5000);
    await this.exited;
    clearTimeout(timer);
  }

  /**
   * Timed metadata (IVS's PutMetadata): it goes into the stream at the next fragment, the media
   * the ingest is receiving now, as IVS inserts it into the segment it is making.
   */
  addMetadata(text: string): void {
    this.metadata.push(text);
  }

  private addPart(media: Fmp4Fragment) {
    const fragment = this.withMetadata(media);
    // Written before it is listed: whoever reads the playlist (or waits on the hint) finds the file.
    const number = this.playlist.upcomingPartNumber;
    this.write(this.playlist.partUri(number), fragment.bytes);
    const placement = this.playlist.add(fragment);
    // A keyframe part completes the segment before it, which is written from the parts kept so far.
    this.segmentDone(placement.completed);
    this.openParts.set(number, fragment.bytes);
  }

  private withMetadata(fragment: Fmp4Fragment): Fmp4Fragment {
    if (this.metadata.length === 0) return fragment;
    const boxes = this.metadata.map((text) => timedMetadataBox(text, fragment.startS));
    this.metadata = [];
    return { ...fragment, bytes: Buffer.concat([...boxes, fragment.bytes]) };
  }

  private segmentDone(completed: PartPlacement['completed']) {
    if (completed) {
      this.write(
        this.playlist.segmentUri(completed.msn),
        Buffer.concat(completed.parts.map((part) => this.openParts.get(part) ?? Buffer.alloc(0))),
      );
      for (const part of completed.parts) this.openParts.delete(part);
      this.onDisk.set(completed.msn, completed.parts);
      for (const [msn, parts] of this.onDisk) {
        if (msn >= this.playlist.mediaSequence - KEPT_AFTER_LISTING) continue;
        for (const uri of [
          this.playlist.segmentUri(msn),
          ...parts.map((part) => this.playlist.partUri(part)),
        ])
          rmSync(join(this.options.hlsDir, uri), { force: true });
        this.onDisk.delete(msn);
      }
    }
    this.write(this.options.playlist, this.playlist.render());
  }

  /** A file under the HLS folder, by its URI relative to the playlist (the playlist names them all). */
  private write(uri: string, bytes: Buffer | string) {
    // Through a temporary name: a file that exists is whole.
    const file = join(this.options.hlsDir, uri);
    writeFileSync(`${file}.tmp`, bytes);
    renameSync(`${file}.tmp`, file);
  }
}
