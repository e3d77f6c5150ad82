/**
 * A broadcast's relay, which survives faults. Two FFmpegs: the source turns the seller's container
 * into FLV, the publisher sends FLV to IVS; between them, what goes on air (on-air.ts) splices the
 * seller's media and the slate into one stream. When the publisher exits or its RTMPS connection
 * drops, a new one is started with backoff and the stream starts again at the next keyframe. When
 * the source exits, a new one is fed the container header it remembered, then the media from the
 * next cluster (fragment) on, while IVS's connection stays up. The same skip-to-boundary is used
 * when the incoming bytes themselves have a gap (a broadcaster resuming after a dropped WebSocket).
 */
import { EventEmitter } from 'node:events';
import type { MediaDeclaration, RtmpState } from '../protocol/messages';
import type { FfmpegExit } from './ffmpeg-process';
import { MediaResumePoint } from './media-resume-point';
import { OnAir, OnAirEvent } from './on-air';
import { Publisher } from './publisher';
import type { SlateMaker } from './slate';
import { SourceDemuxer } from './source-demuxer';

const RESTART_DELAYS_MS = [250, 1000, 2000, 5000];
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS_PER_WINDOW = 5;

/** How the relay ended: on purpose, on media FFmpeg cannot read, or after too many failures. */
export type RelayEnd =
  | { kind: 'finished' }
  | { kind: 'bad-media' }
  | { kind: 'failed'; detail: string }
  /** The broadcast was stopped on purpose (stopBroadcast): IVS cut the stream, do not redial. */
  | { kind: 'stopped' };

/** What the relay asks before redialling, and tells about failures. */
export interface RelayOwner {
  /** false: the broadcast was stopped on purpose; do not restart. */
  mayRestart(): Promise<boolean>;
  failed(detail: string): void;
  log(message: string, detail?: Record<string, unknown>): void;
}

export interface RelayOptions {
  ffmpeg: string;
  media: MediaDeclaration;
  /** The RTMP(S) URL with the stream key. */
  output: string;
  /** Absent: no slate; a seller who is away is a stall, as it is without one. */
  slates?: SlateMaker;
  slateAfterMs: number;
}

export enum ResilientRelayEvent {
  /** FFmpeg took what was queued: the caller may read from its socket again. */
  Drain = 'drain',
  /** A publisher (the first or a restarted one) has just started sending to IVS. */
  Live = 'live',
  Restarted = 'restarted',
  /** The slate went on air instead of the seller's media, or off again. */
  SlateOn = 'slateOn',
  SlateOff = 'slateOff',
  Ended = 'ended',
}

interface ResilientRelayEvents {
  [ResilientRelayEvent.Drain]: [];
  [ResilientRelayEvent.Live]: [];
  [ResilientRelayEvent.Restarted]: [restarts: number];
  [ResilientRelayEvent.SlateOn]: [];
  [ResilientRelayEvent.SlateOff]: [];
  [ResilientRelayEvent.Ended]: [RelayEnd];
}

export class ResilientRelay extends EventEmitter<ResilientRelayEvents> {
  private source?: SourceDemuxer;
  private sourceRuns = 0;
  /** Absent while it is being restarted. */
  private publisher?: Publisher;
  /** The publisher's pipe is full: the source's output is paused until it drains. */
  private publisherFull = false;
  private readonly onAir: OnAir;
  private resumePoint: MediaResumePoint;
  /** Media is dropped until the next cluster/fragment boundary (after a restart or a gap). */
  private awaitingBoundary = false;
  private finishing = false;
  private ended = false;
  private recentRestarts: number[] = [];
  private restartTimer?: NodeJS.Timeout;
  restarts = 0;

  constructor(
    private options: RelayOptions,
    private owner: RelayOwner,
  ) {
    super();
    this.resumePoint = new MediaResumePoint(options.media.container);
    this.onAir = new OnAir((bytes) => this.toPublisher(bytes), {
      slates: options.slates,
      slateAfterMs: options.slateAfterMs,
      audio: options.media.audio !== 'none',
      log: (message, detail) => owner.log(message, detail),
    });
    this.onAir.on(OnAirEvent.SlateOn, () => this.emit(ResilientRelayEvent.SlateOn));
    this.onAir.on(OnAirEvent.SlateOff, () => this.emit(ResilientRelayEvent.SlateOff));
    this.source = this.startSource();
    this.publisher = this.startPublisher();
  }

  private startSource(): SourceDemuxer {
    const source = new SourceDemuxer(this.options.ffmpeg, this.options.media, (tag) => {
      // A replaced source's last output is not the seller's any more.
      if (source === this.source) this.onAir.seller(tag);
    });
    this.sourceRuns++;
    source.on('drain', () => this.emit(ResilientRelayEvent.Drain));
    source.on('exit', (exit) => this.sourceExited(source, exit));
    if (this.publisherFull) source.pause();
    return source;
  }

  private startPublisher(): Publisher {
    const publisher = new Publisher(this.options.ffmpeg, this.options.output, () => {
      if (publisher === this.publisher && !this.ended) this.emit(ResilientRelayEvent.Live);
    });
    publisher.on('drain', () => {
      if (publisher !== this.publisher) return;
      this.publisherFull = false;
      this.source?.resume();
    });
    publisher.on('exit', (exit) => this.publisherExited(publisher, exit));
    this.publisherFull = false;
    this.source?.resume();
    this.publisher = publisher;
    this.onAir.start();
    return publisher;
  }

  private toPublisher(bytes: Buffer): void {
    if (!this.publisher || this.publisher.write(bytes)) return;
    this.publisherFull = true;
    this.source?.pause();
  }

  private sourceExited(source: SourceDemuxer, exit: FfmpegExit): void {
    if (source !== this.source || this.ended) return;
    this.source = undefined;
    // The input ended on purpose: what it put out has gone to the publisher, which ends now.
    if (this.finishing || exit.kind === 'finished') return this.finishPublisher();
    // Unreadable media on the first run is the client's fault; later, FFmpeg died mid-stream.
    if (exit.kind === 'bad-media' && this.sourceRuns === 1) return this.end({ kind: 'bad-media' });
    this.failed(exit.detail, () => {
      if (!this.resumePoint.header) return;
      this.source = this.startSource();
      this.source.write(this.resumePoint.header);
      this.awaitingBoundary = true;
      this.onAir.sellerRestarted();
    });
  }

  private publisherExited(publisher: Publisher, exit: FfmpegExit): void {
    if (publisher !== this.publisher || this.ended) return;
    this.publisher = undefined;
    if (this.finishing || exit.kind === 'finished') return this.end({ kind: 'finished' });
    this.failed(exit.detail, async () => {
      // The RTMP connection may have been cut on purpose (stopBroadcast): then it stays cut.
      if (!(await this.owner.mayRestart())) return this.end({ kind: 'stopped' });
      if (!this.ended && !this.finishing) this.startPublisher();
    });
  }

  /** One of the FFmpegs failed: it is restarted after a backoff, within a budget of restarts. */
  private failed(detail: string, restart: () => void | Promise<void>): void {
    this.owner.failed(detail);
    const now = Date.now();
    this.recentRestarts = this.recentRestarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (!this.resumePoint.header || this.recentRestarts.length >= MAX_RESTARTS_PER_WINDOW)
      return this.end({ kind: 'failed', detail });
    this.recentRestarts.push(now);
    this.restarts++;
    this.emit(ResilientRelayEvent.Drain); // nothing is queued any more: let the socket flow
    const delay = RESTART_DELAYS_MS[Math.min(this.recentRestarts.length, RESTART_DELAYS_MS.length) - 1];
    this.restartTimer = setTimeout(() => {
      if (this.ended) return;
      void Promise.resolve(restart()).then(() => {
        if (!this.ended) this.emit(ResilientRelayEvent.Restarted, this.restarts);
      });
    }, delay);
  }

  private finishPublisher(): void {
    if (!this.publisher) return this.end({ kind: 'finished' });
    this.publisher.finish();
  }

  /** Over, one way or another: whichever FFmpeg is still running goes too. */
  private end(end: RelayEnd): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.restartTimer);
    this.onAir.dispose();
    this.source?.kill();
    this.publisher?.kill();
    this.emit(ResilientRelayEvent.Ended, end);
  }

  /** Feeds media. false: FFmpeg's pipe is full; wait for Drain before reading more. */
  write(chunk: Buffer): boolean {
    if (this.ended || this.finishing) return true;
    // Only a relay without a header yet, or waiting for the next cluster, needs the chunk searched.
    const searching = !this.resumePoint.header || this.awaitingBoundary;
    const fromBoundary = searching ? this.resumePoint.observe(chunk) : this.resumePoint.pass(chunk);
    if (!this.source) return true; // nothing to write to until the source is back
    if (this.awaitingBoundary) {
      if (fromBoundary === undefined) return true;
      this.awaitingBoundary = false;
      chunk = fromBoundary;
    }
    return this.source.write(chunk);
  }

  /**
   * The relay is stuck (it took nothing for a long time): the FFmpeg holding it up is killed and,
   * like any failed one, restarted.
   */
  replace(reason: string): void {
    if (this.ended || this.finishing) return;
    if (this.publisherFull) this.publisher?.abort(reason);
    else this.source?.abort(reason);
  }

  /** The incoming bytes will not follow on from the last ones: skip to the next boundary. */
  discontinuity(): void {
    this.resumePoint.discontinuity();
    this.awaitingBoundary = true;
  }

  /**
   * The seller is back with a new session (a new ticket, so a new recording with its own
   * container header) while this relay still holds their broadcast: the new recording replaces
   * the old one's source, and the stream to IVS goes on.
   */
  continueWith(media: MediaDeclaration, owner: RelayOwner): void {
    if (this.ended || this.finishing) return;
    this.options = { ...this.options, media };
    this.owner = owner;
    const old = this.source;
    old?.removeAllListeners();
    old?.kill();
    this.resumePoint = new MediaResumePoint(media.container);
    this.awaitingBoundary = false;
    this.sourceRuns = 0;
    this.source = this.startSource();
    this.onAir.sellerReplaced();
  }

  /** The seller's connection is gone (it may come back): the slate goes on air now. */
  sellerAway(): void {
    this.onAir.sellerAway();
  }

  get slateShowing(): boolean {
    return this.onAir.slateShowing;
  }

  /**
   * The broadcast was stopped on purpose: both FFmpegs are killed now (nothing more goes to IVS,
   * which sees the stream end) and Ended reports `stopped`.
   */
  cut(): void {
    this.end({ kind: 'stopped' });
  }

  /** Ends the input; the relay flushes, closes the RTMP stream, and then emits Ended. */
  finish(): void {
    if (this.finishing || this.ended) return;
    this.finishing = true;
    if (!this.source) return this.finishPublisher();
    this.source.finish();
  }

  get queuedBytes(): number {
    return (this.source?.queuedBytes ?? 0) + (this.publisher?.queuedBytes ?? 0);
  }

  get fps(): number {
    return this.publisher?.fps ?? 0;
  }

  get rtmp(): RtmpState {
    if (!this.publisher || !this.source || this.awaitingBoundary) return 'reconnecting';
    return this.publisher.live ? 'live' : 'connecting';
  }
}
