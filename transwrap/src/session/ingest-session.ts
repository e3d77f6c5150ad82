/**
 * One broadcaster's connection, as PROTOCOL.md describes it: hello with a ticket -> claimIngest ->
 * relay -> media with stats -> stop. Every way out is a documented close code.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { ApiRefusal, type ControlPlane } from '../api/control-plane';
import type { TranswrapConfig } from '../config';
import {
  CloseCode,
  parseClientMessage,
  type ClientMessage,
  type MediaDeclaration,
  type ServerMessage,
} from '../protocol/messages';
import { relayMode } from '../relay/ffmpeg-args';
import { MediaResumePoint } from '../relay/media-resume-point';
import { Relay, type RelayExit } from '../relay/relay';
import type { Logger } from '../server/logger';

/** What a session needs of the instance's settings, plus where FFmpeg is. */
export type SessionSettings = Pick<
  TranswrapConfig,
  | 'endpointId'
  | 'helloTimeoutMs'
  | 'idleTimeoutMs'
  | 'maxMessageBytes'
  | 'queueAdviceBytes'
  | 'queueLimitBytes'
  | 'statsIntervalMs'
> & { ffmpeg: string };

const RESTART_DELAYS_MS = [250, 1000, 2000, 5000];
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS_PER_WINDOW = 5;

export type SessionState = 'awaiting-hello' | 'claiming' | 'relaying' | 'stopping' | 'closed';

export enum SessionEvent {
  Closed = 'closed',
}

export class IngestSession extends EventEmitter<{ [SessionEvent.Closed]: [code: number] }> {
  readonly id = randomUUID();
  state: SessionState = 'awaiting-hello';
  private relay?: Relay;
  private channelId?: string;
  private readonly startedAt = Date.now();
  private receivedBytes = 0;
  private bytesThisSecond = 0;
  private receivedKbps = 0;
  private advised = false;
  private timers: NodeJS.Timeout[] = [];
  private declared?: MediaDeclaration;
  private output?: string;
  private resumePoint?: MediaResumePoint;
  /** After a relay restart, media is dropped until the next cluster/fragment boundary. */
  private awaitingBoundary = false;
  private restarting = false;
  private restarts = 0;
  private recentRestarts: number[] = [];
  private idleTimer?: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly api: ControlPlane,
    private readonly settings: SessionSettings,
    private readonly log: Logger,
  ) {
    super();
    this.timers.push(
      setTimeout(() => this.close(CloseCode.HelloTimeout, 'no hello in time'), settings.helloTimeoutMs),
    );
    socket.on('message', (data: Buffer, isBinary) =>
      isBinary ? this.media(data) : this.text(data.toString('utf8')),
    );
    socket.on('close', () => this.ended());
    socket.on('error', () => socket.terminate());
  }

  private send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.log.info('session closed', { session: this.id, channel: this.channelId, code, reason });
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING)
      this.socket.close(code, reason);
    this.ended(code);
  }

  private ended(code: number = CloseCode.Normal): void {
    if (this.state === 'closed') return;
    const wasRelaying = this.state === 'relaying';
    this.state = 'closed';
    for (const timer of this.timers) clearTimeout(timer);
    clearTimeout(this.idleTimer);
    // The broadcaster is gone without `stop`: end the relay (IVS then reports the stream ended).
    if (wasRelaying) this.relay?.finish();
    this.emit(SessionEvent.Closed, code);
  }

  private text(text: string): void {
    const message = parseClientMessage(text);
    if ('invalid' in message) return this.close(CloseCode.BadMessage, message.invalid);
    if (message.type === 'hello') {
      if (this.state !== 'awaiting-hello') return this.close(CloseCode.BadMessage, 'a second hello');
      void this.hello(message);
    } else this.stop();
  }

  private async hello(message: Extract<ClientMessage, { type: 'hello' }>): Promise<void> {
    this.state = 'claiming';
    clearTimeout(this.timers[0]);
    let destination;
    try {
      destination = await this.api.claimIngest(message.ticket, this.settings.endpointId);
    } catch (error) {
      if (error instanceof ApiRefusal) return this.close(CloseCode.TicketRefused, 'ticket refused');
      this.log.error('claimIngest failed', {
        session: this.id,
        error: error instanceof Error ? error.message : String(error),
      });
      return this.close(CloseCode.RelayFailed, 'the API could not be reached');
    }
    if (this.state !== 'claiming') return; // the client left while we were asking
    this.channelId = destination.channelId;
    this.declared = message.media;
    this.output = `${destination.ingestUrl}${destination.streamKey}`;
    this.resumePoint = new MediaResumePoint(message.media.container);
    this.startRelay();
    this.state = 'relaying';
    const mode = relayMode(message.media);
    this.log.info('relaying', { session: this.id, channel: this.channelId, mode, media: message.media });
    this.send({
      type: 'ready',
      sessionId: this.id,
      channelId: destination.channelId,
      mode,
      limits: {
        maxMessageBytes: this.settings.maxMessageBytes,
        idleTimeoutMs: this.settings.idleTimeoutMs,
        statsIntervalMs: this.settings.statsIntervalMs,
      },
    });
    this.touch();
    this.timers.push(setInterval(() => this.stats(), this.settings.statsIntervalMs));
    this.api.reportStreamStatus(destination.channelId, 'CONNECTING').catch(() => undefined);
  }

  private startRelay(): void {
    if (!this.declared || !this.output) return;
    const relay = new Relay(this.settings.ffmpeg, this.declared, this.output);
    this.relay = relay;
    relay.on('drain', () => this.socket.resume());
    relay.on('exit', (exit) => this.relayExited(relay, exit));
  }

  private relayExited(relay: Relay, exit: RelayExit): void {
    if (relay !== this.relay || this.state === 'closed') return;
    if (this.state === 'stopping' || exit.kind === 'finished')
      return this.close(CloseCode.Normal, 'broadcast ended');
    if (exit.kind === 'bad-media' && this.restarts === 0)
      return this.close(CloseCode.BadMedia, 'the media could not be parsed');
    this.log.error('relay failed', { session: this.id, channel: this.channelId, detail: exit.detail });
    // Restart with backoff, from the container header and the next cluster, unless it keeps failing.
    const now = Date.now();
    this.recentRestarts = this.recentRestarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (!this.resumePoint?.header || this.recentRestarts.length >= MAX_RESTARTS_PER_WINDOW) {
      return this.close(CloseCode.RelayFailed, 'the relay failed');
    }
    this.recentRestarts.push(now);
    this.restarts++;
    this.restarting = true;
    this.socket.resume();
    const delay = RESTART_DELAYS_MS[Math.min(this.recentRestarts.length - 1, RESTART_DELAYS_MS.length - 1)];
    this.timers.push(
      setTimeout(() => {
        if (this.state !== 'relaying' || !this.resumePoint?.header) return;
        this.startRelay();
        this.relay?.write(this.resumePoint.header);
        this.awaitingBoundary = true;
        this.restarting = false;
        this.log.info('relay restarted', {
          session: this.id,
          channel: this.channelId,
          restarts: this.restarts,
        });
      }, delay),
    );
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => this.close(CloseCode.Idle, 'no media in time'),
      this.settings.idleTimeoutMs,
    );
  }

  private media(chunk: Buffer): void {
    if (this.state !== 'relaying' || !this.relay) {
      if (this.state === 'stopping') return;
      return this.close(CloseCode.MediaBeforeReady, 'media before ready');
    }
    this.touch();
    this.receivedBytes += chunk.length;
    this.bytesThisSecond += chunk.length;
    const fromBoundary = this.resumePoint?.observe(chunk);
    if (this.restarting) return; // nothing to write to until the relay is back
    if (this.awaitingBoundary) {
      if (fromBoundary === undefined) return;
      this.awaitingBoundary = false;
      chunk = fromBoundary;
    }
    const accepted = this.relay.write(chunk);
    const queued = this.relay.queuedBytes;
    if (queued > this.settings.queueLimitBytes)
      return this.close(CloseCode.TooSlow, 'the relay queue overflowed');
    if (queued > this.settings.queueAdviceBytes && !this.advised) {
      this.advised = true;
      this.send({
        type: 'bitrate',
        maxKbps: Math.max(300, Math.round(this.receivedKbps * 0.6)),
        reason: 'queue',
      });
    }
    // Backpressure: stop reading from the socket until FFmpeg has taken what it has.
    if (!accepted) this.socket.pause();
  }

  private stats(): void {
    this.receivedKbps = Math.round((this.bytesThisSecond * 8) / this.settings.statsIntervalMs);
    this.bytesThisSecond = 0;
    const queuedBytes = this.relay?.queuedBytes ?? 0;
    if (queuedBytes === 0) this.advised = false;
    this.send({
      type: 'stats',
      receivedKbps: this.receivedKbps,
      relayFps: this.relay?.fps ?? 0,
      queuedBytes,
      rtmp:
        this.restarting || this.awaitingBoundary ? 'reconnecting' : this.relay?.live ? 'live' : 'connecting',
      restarts: this.restarts,
      uptimeMs: Date.now() - this.startedAt,
    });
  }

  private stop(): void {
    if (this.state !== 'relaying' || !this.relay) return this.close(CloseCode.Normal, 'stopped');
    this.state = 'stopping';
    clearTimeout(this.idleTimer);
    this.relay.finish();
  }

  /** For the server's drain and metrics. */
  get bytesReceived(): number {
    return this.receivedBytes;
  }

  announceDrain(deadlineMs: number): void {
    this.send({ type: 'drain', deadlineMs });
  }
}
