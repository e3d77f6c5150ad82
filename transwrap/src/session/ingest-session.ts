/**
 * One broadcast, as PROTOCOL.md describes it: claimIngest -> relay -> media with stats -> stop.
 * The broadcast outlives its WebSocket: when the socket drops, the relay is held for the resume
 * grace period and a `resume` on a new socket carries on. Every way out is a documented close code.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import type { ControlPlane } from '../api/control-plane';
import type { StreamStatus } from '@golive/common/generated/schema-types';
import {
  CloseCode,
  parseClientMessage,
  stringifyMessage,
  type OpeningMessage,
  type ServerMessage,
} from '../protocol/messages';
import { relayMode, type RelayMode } from '../relay/ffmpeg-args';
import { ResilientRelayEvent, type RelayEnd, type ResilientRelay } from '../relay/resilient-relay';
import { relayOwner, relayStats, sessionRelay } from './session-relay';
import type { Logger } from '../logger';
import { closeSocket } from './close-socket';
import { RelayLag } from './relay-lag';
import { StatusReports } from './status-reports';
import { claimTicket, STOPPED_REASON } from './ticket-claim';
import { StopWatch } from './stop-watch';
import { Holding } from './holding';
import { readyLimits } from './session-settings';
import type { Refusal, Sellers, SessionSettings, SessionState } from './session-settings';

/** Server-side closes after which the broadcaster may still resume (it can fix the cause). */
const RESUMABLE_CLOSES = new Set<number>([CloseCode.Idle, CloseCode.TooSlow]);
/** Client-side closes that mean "I am leaving on purpose". */
const DELIBERATE_CLOSES = new Set<number>([CloseCode.Normal, CloseCode.GoingAway]);

export enum SessionEvent {
  Closed = 'closed',
}

interface SessionEvents {
  [SessionEvent.Closed]: [code: number];
}

const newResumeToken = () => randomBytes(24).toString('base64url');

export class IngestSession extends EventEmitter<SessionEvents> {
  readonly id = randomUUID();
  state: SessionState = 'verifying';
  private socket?: WebSocket;
  private relay?: ResilientRelay;
  private stopWatch?: StopWatch;
  private readonly statuses: StatusReports;
  /** Resumed while the relay was still connecting: LIVE is reported when it gets there. */
  private liveOwedAfterResume = false;
  private mode: RelayMode = 'copy';
  private channelId?: string;
  seller?: string; // proved by the sign-in token
  private resumeToken = newResumeToken();
  private readonly startedAt = Date.now();
  private receivedBytes = 0;
  private bytesThisSecond = 0;
  private receivedKbps = 0;
  private readonly lag: RelayLag;
  private statsTimer?: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;
  private holding?: Holding;
  /** The code this side closed the current socket with, if it did. */
  private closingWith?: number;

  constructor(
    private readonly api: ControlPlane,
    private readonly sellers: Sellers,
    private readonly settings: SessionSettings,
    private readonly log: Logger,
  ) {
    super();
    this.statuses = new StatusReports(api);
    this.lag = new RelayLag(settings.relayLagAdviceMs, settings.relayStallTimeoutMs, () => {
      this.log.error('relay stalled', { session: this.id, channel: this.channelId });
      this.relay?.replace('FFmpeg took no input for RELAY_STALL_TIMEOUT_MS');
    });
  }

  /**
   * A `hello`: checks the seller, redeems the ticket, starts the relay, and sends `ready`. Once the
   * sign-in token proves a seller, `admit` says whether the server takes the broadcast (until
   * then the connection is only waiting, and may be shed). `heldRelayOf` hands over the relay of
   * this channel's broadcast if this server holds it for a resume: the seller came back with a new
   * ticket instead, and their broadcast goes on.
   */
  async start(
    socket: WebSocket,
    hello: Extract<OpeningMessage, { type: 'hello' }>,
    admit: (seller: string) => Refusal | undefined,
    heldRelayOf: (channelId: string) => ResilientRelay | undefined = () => undefined,
    claimingHere: (seller: string) => boolean = () => false,
  ): Promise<void> {
    this.attach(socket);
    // Before the ticket is spent: a bad sign-in token must not burn the seller's ticket.
    const seller = await this.sellers.sellerOf(hello.accessToken);
    if (this.state !== 'verifying') return; // shed, or the client left, meanwhile
    if (!seller) return this.close(CloseCode.NotTheTicketsSeller, 'sign-in token refused');
    this.seller = seller;
    const refusal = admit(seller);
    if (refusal) return this.close(...refusal);
    this.state = 'claiming';
    const claim = await claimTicket(this.api, {
      ticket: hello.ticket,
      endpointId: this.settings.endpointId,
      seller,
    });
    if ('failure' in claim) this.log.error('claimIngest failed', { session: this.id, error: claim.failure });
    if (this.state !== 'claiming') return; // the client left while we were asking
    if ('refused' in claim) return this.close(...claim.refused);
    const { destination, stoppedSinceTicket, takenOverSinceTicket } = claim;
    const { resumeGraceMs: graceMs, stopCheckIntervalMs: askEveryMs } = this.settings;
    // Not while this seller's new ticket is being claimed here: it may be taking this broadcast over.
    this.holding = new Holding({ graceMs, askEveryMs }, takenOverSinceTicket, () => !claimingHere(seller));
    const channelId = destination.channelId;
    this.channelId = channelId;
    this.mode = relayMode(hello.media);
    const owner = relayOwner(stoppedSinceTicket, this.log, { session: this.id, channel: channelId });
    const held = heldRelayOf(channelId);
    held?.continueWith(hello.media, owner);
    const relay = held ?? sessionRelay(this.settings, hello.media, destination, owner);
    this.relay = relay;
    this.stopWatch = new StopWatch(
      stoppedSinceTicket,
      { intervalMs: this.settings.stopCheckIntervalMs, windowMs: this.settings.stopCheckWindowMs },
      () => this.stoppedOnPurpose(),
    );
    // A stop before the relay reached IVS found nothing to cut there: the relay going live is
    // when it must be caught (and each restarted relay's too).
    relay.on(ResilientRelayEvent.Live, () => {
      this.stopWatch?.watch();
      // A resume before the relay's first frame reached IVS said CONNECTING over IVS's LIVE;
      // IVS will not say LIVE again for a stream it already has, so this session does.
      if (this.liveOwedAfterResume && this.state === 'relaying') this.report('LIVE');
      this.liveOwedAfterResume = false;
    });
    relay.on(ResilientRelayEvent.Drain, () => {
      this.lag.release();
      this.socket?.resume();
      if (this.state === 'relaying') this.touch();
    });
    relay.on(ResilientRelayEvent.Restarted, (restarts) => this.info('relay restarted', { restarts }));
    relay.on(ResilientRelayEvent.SlateOn, () => {
      this.info('slate on air');
      // A suspended session has said INTERRUPTED already.
      if (this.state === 'relaying') this.report('INTERRUPTED');
    });
    relay.on(ResilientRelayEvent.SlateOff, () => {
      this.info('seller back on air');
      if (this.state === 'relaying') this.report('LIVE');
    });
    relay.on(ResilientRelayEvent.Ended, (end) => this.relayEnded(end));
    this.state = 'relaying';
    this.info(held ? 'relaying, taking over the held broadcast' : 'relaying', {
      mode: this.mode,
      media: hello.media,
    });
    this.sendReady(false);
    this.statsTimer = setInterval(() => this.stats(), this.settings.statsIntervalMs);
    if (!held) return this.report('CONNECTING');
    // On air already: its stream to IVS is not new, and says LIVE once the seller is back on it.
    if (relay.rtmp === 'live') this.stopWatch.watch();
    if (!relay.slateShowing) this.report('LIVE');
  }

  /**
   * The seller is back with a new session: it takes this held session's relay, and this one ends
   * without ending the broadcast.
   */
  handOver(): ResilientRelay | undefined {
    const relay = this.relay;
    if (this.state !== 'suspended' || !relay) return undefined;
    relay.removeAllListeners();
    this.relay = undefined;
    this.info('handed over to a new session');
    this.end(CloseCode.Normal);
    return relay;
  }

  get channel(): string | undefined {
    return this.channelId;
  }

  /**
   * A `resume` on a new socket: true if the token is this session's current one and the session is
   * still going. A socket the session still holds (half-open after a network change) is dropped.
   */
  resume(socket: WebSocket, token: string): boolean {
    if (this.state !== 'relaying' && this.state !== 'suspended') return false;
    const expected = Buffer.from(this.resumeToken);
    const given = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    if (this.socket) this.detach()?.terminate();
    this.holding?.release();
    this.resumeToken = newResumeToken();
    const wasLive = this.relay?.rtmp === 'live';
    this.relay?.discontinuity();
    this.state = 'relaying';
    this.attach(socket);
    this.info('resumed');
    this.sendReady(true);
    // While the slate is on air the channel stays INTERRUPTED: LIVE comes when the seller is back on air.
    if (!this.relay?.slateShowing) this.report(wasLive ? 'LIVE' : 'CONNECTING');
    this.liveOwedAfterResume = !wasLive;
    return true;
  }

  private sendReady(resumed: boolean): void {
    this.send({
      type: 'ready',
      sessionId: this.id,
      resumeToken: this.resumeToken,
      resumed,
      channelId: this.channelId ?? '',
      mode: this.mode,
      limits: readyLimits(this.settings),
    });
    this.touch();
  }

  private attach(socket: WebSocket): void {
    this.socket = socket;
    this.closingWith = undefined;
    if (this.lag.held) socket.pause();
    socket.on('message', (data: Buffer, isBinary) => {
      if (socket !== this.socket) return;
      if (isBinary) this.media(data);
      else this.text(data.toString('utf8'));
    });
    socket.on('close', (code) => {
      if (socket === this.socket) this.socketClosed(this.closingWith ?? code);
    });
  }

  /** Lets go of the current socket (its events are ignored from now on) and returns it. */
  private detach(): WebSocket | undefined {
    const socket = this.socket;
    this.socket = undefined;
    clearTimeout(this.idleTimer);
    return socket;
  }

  private send(message: ServerMessage): void {
    const socket = this.socket;
    if (socket && socket.readyState === socket.OPEN) socket.send(stringifyMessage(message));
  }

  /** Closes the socket with a code; whether the broadcast goes on depends on the code. */
  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    const socket = this.socket;
    if (!socket) return this.end(code); // suspended: nobody to tell
    this.info('socket closed', { code, reason });
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
      this.closingWith = code;
      closeSocket(socket, code, reason);
    }
    this.socketClosed(code);
  }

  private socketClosed(code: number): void {
    if (this.state === 'closed' || !this.socket) return;
    this.detach();
    const resumable =
      this.state === 'relaying' &&
      (this.closingWith === undefined ? !DELIBERATE_CLOSES.has(code) : RESUMABLE_CLOSES.has(code));
    if (resumable) return this.suspend(code);
    if (this.state === 'stopping') return; // the relay is flushing; relayEnded finishes up
    this.end(code);
  }

  /** The broadcaster is gone but may come back: the relay is held for the grace period. */
  private suspend(code: number): void {
    this.state = 'suspended';
    this.info('suspended', { code });
    this.report('INTERRUPTED');
    this.relay?.sellerAway();
    this.holding?.hold((why) => {
      this.info(why);
      this.end(code);
    });
  }

  /** The broadcast is over: ends the relay (IVS then reports the stream ended). */
  private end(code: number): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearInterval(this.statsTimer);
    clearTimeout(this.idleTimer);
    this.holding?.release();
    this.lag.dispose();
    this.stopWatch?.dispose();
    this.relay?.finish(); // none yet while verifying or claiming
    this.emit(SessionEvent.Closed, code);
  }

  private relayEnded(end: RelayEnd): void {
    if (this.state === 'closed') return;
    if (end.kind === 'finished') return this.finishClose(CloseCode.Normal, 'broadcast ended');
    if (end.kind === 'bad-media')
      return this.finishClose(CloseCode.BadMedia, 'the media could not be parsed');
    // IVS may never have had the stream, so it may never report its end.
    this.report('OFFLINE');
    if (end.kind === 'stopped') return this.finishClose(CloseCode.BroadcastStopped, STOPPED_REASON);
    return this.finishClose(CloseCode.RelayFailed, 'the relay failed');
  }

  /** Closes for good, whatever the code: the relay is already gone. */
  private finishClose(code: number, reason: string): void {
    this.state = 'stopping';
    if (this.socket) this.close(code, reason);
    this.end(code);
  }

  private text(text: string): void {
    const message = parseClientMessage(text);
    if ('invalid' in message) return this.close(CloseCode.BadMessage, message.invalid);
    if (message.type === 'stop') return this.stop();
    this.close(CloseCode.BadMessage, `${message.type} after the connection was opened`);
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => this.close(CloseCode.Idle, 'no media in time'),
      this.settings.idleTimeoutMs,
    );
  }

  private media(chunk: Buffer): void {
    if (this.state === 'stopping') return;
    if (this.state !== 'relaying' || !this.relay)
      return this.close(CloseCode.MediaBeforeReady, 'media before ready');
    this.touch();
    this.receivedBytes += chunk.length;
    this.bytesThisSecond += chunk.length;
    const accepted = this.relay.write(chunk);
    const queued = this.relay.queuedBytes;
    if (queued > this.settings.queueLimitBytes)
      return this.close(CloseCode.TooSlow, 'the relay queue overflowed');
    // Backpressure: stop reading from the socket until FFmpeg has taken what it has. Not reading is
    // not idling: the idle clock restarts when the socket flows again.
    if (!accepted) {
      this.socket?.pause();
      clearTimeout(this.idleTimer);
      this.lag.hold();
    }
  }

  private stats(): void {
    this.receivedKbps = Math.round((this.bytesThisSecond * 8) / this.settings.statsIntervalMs);
    this.bytesThisSecond = 0;
    const maxKbps = this.lag.adviceDue(this.receivedKbps);
    if (maxKbps !== undefined) this.send({ type: 'bitrate', maxKbps, reason: 'relay-lag' });
    const uptimeMs = Date.now() - this.startedAt;
    this.send({ type: 'stats', receivedKbps: this.receivedKbps, ...relayStats(this.relay), uptimeMs });
  }

  private stop(): void {
    if (this.state !== 'relaying' || !this.relay) return this.close(CloseCode.Normal, 'stopped');
    this.state = 'stopping';
    clearTimeout(this.idleTimer);
    this.relay.finish();
  }

  /** stopBroadcast was called for this broadcast: it ends here, whatever it was doing. */
  private stoppedOnPurpose(): void {
    this.info('stopped by stopBroadcast');
    this.relay?.cut(); // Ended (`stopped`) closes the socket with 4012
  }

  /** Logs with the session and channel named. */
  private info(message: string, detail: Record<string, unknown> = {}): void {
    this.log.info(message, { session: this.id, channel: this.channelId, ...detail });
  }

  private report(status: StreamStatus): void {
    this.statuses.report(this.channelId, status);
  }

  /** For the server's metrics. */
  get bytesReceived(): number {
    return this.receivedBytes;
  }

  announceDrain(deadlineMs: number): void {
    // A broadcast being stopped just finishes here: moving it would put it back on air elsewhere.
    if (this.state === 'stopping') return;
    // Nobody to tell, and a draining server refuses resumes: the broadcaster will get a new
    // ticket elsewhere, so holding the session would only keep the drain waiting.
    if (this.state === 'suspended') return this.end(CloseCode.GoingAway);
    this.send({ type: 'drain', deadlineMs });
  }
}
