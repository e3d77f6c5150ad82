/**
 * A broadcast's relay that survives faults: when FFmpeg exits or the RTMPS connection drops, it
 * starts a new FFmpeg with backoff and feeds it the container header it remembered, then the
 * media from the next cluster (fragment) on. The same skip-to-boundary is used when the incoming
 * byte stream itself has a gap (a broadcaster resuming after a dropped WebSocket).
 */
import { EventEmitter } from 'node:events';
import type { MediaDeclaration, RtmpState } from '../protocol/messages';
import { MediaResumePoint } from './media-resume-point';
import { Relay, type RelayExit } from './relay';

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
}

export enum ResilientRelayEvent {
  /** FFmpeg took what was queued: the caller may read from its socket again. */
  Drain = 'drain',
  /** An FFmpeg (the first or a restarted one) has just started sending to IVS. */
  Live = 'live',
  Restarted = 'restarted',
  Ended = 'ended',
}

interface ResilientRelayEvents {
  [ResilientRelayEvent.Drain]: [];
  [ResilientRelayEvent.Live]: [];
  [ResilientRelayEvent.Restarted]: [restarts: number];
  [ResilientRelayEvent.Ended]: [RelayEnd];
}

export class ResilientRelay extends EventEmitter<ResilientRelayEvents> {
  private relay: Relay;
  private readonly resumePoint: MediaResumePoint;
  /** Media is dropped until the next cluster/fragment boundary (after a restart or a gap). */
  private awaitingBoundary = false;
  private restarting = false;
  private finishing = false;
  private ended = false;
  private recentRestarts: number[] = [];
  private restartTimer?: NodeJS.Timeout;
  restarts = 0;

  constructor(
    private readonly ffmpeg: string,
    private readonly media: MediaDeclaration,
    private readonly output: string,
    private readonly owner: RelayOwner,
  ) {
    super();
    this.resumePoint = new MediaResumePoint(media.container);
    this.relay = this.spawn();
  }

  private spawn(): Relay {
    const relay = new Relay(this.ffmpeg, this.media, this.output);
    relay.on('drain', () => this.emit(ResilientRelayEvent.Drain));
    relay.on('live', () => {
      if (relay === this.relay && !this.ended) this.emit(ResilientRelayEvent.Live);
    });
    relay.on('exit', (exit) => this.exited(relay, exit));
    return relay;
  }

  private exited(relay: Relay, exit: RelayExit): void {
    if (relay !== this.relay || this.ended) return;
    if (this.finishing || exit.kind === 'finished') return this.end({ kind: 'finished' });
    // Unreadable media on the first run is the client's fault; later, FFmpeg died mid-stream.
    if (exit.kind === 'bad-media' && this.restarts === 0) return this.end({ kind: 'bad-media' });
    this.owner.failed(exit.detail);
    const now = Date.now();
    this.recentRestarts = this.recentRestarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (!this.resumePoint.header || this.recentRestarts.length >= MAX_RESTARTS_PER_WINDOW)
      return this.end({ kind: 'failed', detail: exit.detail });
    this.recentRestarts.push(now);
    this.restarts++;
    this.restarting = true;
    this.emit(ResilientRelayEvent.Drain); // nothing is queued any more: let the socket flow
    const delay = RESTART_DELAYS_MS[Math.min(this.recentRestarts.length, RESTART_DELAYS_MS.length) - 1];
    this.restartTimer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.ended) return;
    // The RTMP connection may have been cut on purpose (stopBroadcast): then it stays cut.
    if (!(await this.owner.mayRestart())) return this.end({ kind: 'stopped' });
    if (this.ended || !this.resumePoint.header) return;
    this.relay = this.spawn();
    this.relay.write(this.resumePoint.header);
    this.awaitingBoundary = true;
    this.restarting = false;
    this.emit(ResilientRelayEvent.Restarted, this.restarts);
  }

  private end(end: RelayEnd): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.restartTimer);
    this.emit(ResilientRelayEvent.Ended, end);
  }

  /** Feeds media. false: FFmpeg's pipe is full; wait for Drain before reading more. */
  write(chunk: Buffer): boolean {
    if (this.ended || this.finishing) return true;
    // Only a relay without a header yet, or waiting for the next cluster, needs the chunk searched.
    const searching = !this.resumePoint.header || this.awaitingBoundary;
    const fromBoundary = searching ? this.resumePoint.observe(chunk) : this.resumePoint.pass(chunk);
    if (this.restarting) return true; // nothing to write to until the relay is back
    if (this.awaitingBoundary) {
      if (fromBoundary === undefined) return true;
      this.awaitingBoundary = false;
      chunk = fromBoundary;
    }
    return this.relay.write(chunk);
  }

  /** The current FFmpeg is stuck: it is killed and, like any failed one, restarted. */
  replace(reason: string): void {
    if (!this.ended && !this.finishing && !this.restarting) this.relay.abort(reason);
  }

  /** The incoming bytes will not follow on from the last ones: skip to the next boundary. */
  discontinuity(): void {
    this.resumePoint.discontinuity();
    this.awaitingBoundary = true;
  }

  /**
   * The broadcast was stopped on purpose: FFmpeg is killed now (nothing more goes to IVS, which
   * sees the stream end) and Ended reports `stopped`.
   */
  cut(): void {
    if (this.ended) return;
    this.end({ kind: 'stopped' });
    this.relay.kill();
  }

  /** Ends the input; the relay flushes, closes the RTMP stream, and then emits Ended. */
  finish(): void {
    if (this.finishing || this.ended) return;
    this.finishing = true;
    if (this.restarting) return this.end({ kind: 'finished' });
    this.relay.finish();
  }

  get queuedBytes(): number {
    return this.restarting ? 0 : this.relay.queuedBytes;
  }

  get fps(): number {
    return this.restarting ? 0 : this.relay.fps;
  }

  get rtmp(): RtmpState {
    if (this.restarting || this.awaitingBoundary) return 'reconnecting';
    return this.relay.live ? 'live' : 'connecting';
  }
}
