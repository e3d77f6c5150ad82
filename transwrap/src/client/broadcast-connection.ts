/**
 * The broadcaster's side of PROTOCOL.md, for the PWA (and tests, in Node with `ws`): one broadcast
 * that outlives its sockets. A dropped socket is resumed within the server's grace period; a
 * draining, refused or dead endpoint is left for a new ticket elsewhere; only a stop, or a close
 * that retrying cannot fix, ends it. The media source is told when to start a new recording (a new
 * session needs the container from its header on); media sent meanwhile is held, within bounds.
 */
import { EventEmitter } from 'eventemitter3';
import {
  CloseCode,
  parseServerMessage,
  stringifyMessage,
  SUBPROTOCOL,
  type MediaDeclaration,
  type ServerMessage,
} from '../protocol/messages';
import { afterClose, afterDrain } from './reconnect-policy';
import type { SocketLike } from './socket-like';

export type { SocketLike } from './socket-like';

export type BroadcastState = 'connecting' | 'live' | 'resuming' | 'moving' | 'stopping' | 'ended';

export enum BroadcastEvent {
  StateChanged = 'stateChanged',
  Stats = 'stats',
  /** The relay is behind: encode at most this many kbps. */
  BitrateAdvice = 'bitrateAdvice',
  /** A new session is starting: start a new recording (its container header first). */
  NewRecording = 'newRecording',
  Ended = 'ended',
}

export interface BroadcastEnd {
  code: number;
  reason: string;
}

type Ready = Extract<ServerMessage, { type: 'ready' }>;
type Ticket = { url: string; ticket: string };
type Credentials = [ticket: Ticket, accessToken: string];
export type BroadcastStats = Extract<ServerMessage, { type: 'stats' }>;

interface BroadcastEvents {
  [BroadcastEvent.StateChanged]: [state: BroadcastState];
  [BroadcastEvent.Stats]: [stats: BroadcastStats];
  [BroadcastEvent.BitrateAdvice]: [maxKbps: number];
  [BroadcastEvent.NewRecording]: [];
  [BroadcastEvent.Ended]: [end: BroadcastEnd];
}

export interface BroadcastConnectionOptions {
  /** A new ticket (the API's startBroadcast): where to go, and the single-use ticket itself. */
  ticket(): Promise<Ticket>;
  /** The seller's current Cognito token. */
  accessToken(): Promise<string>;
  media: MediaDeclaration;
  openSocket(url: string, protocol: string): SocketLike;
  /** Waits between failed attempts; the last one repeats. */
  retryDelaysMs?: number[];
  /** Gives up finding an endpoint after this long. */
  giveUpAfterMs?: number;
  /** Media held while reconnecting, at most (older chunks are dropped first). */
  maxHeldBytes?: number;
  /**
   * A socket not open after this long, or a ticket not answered, is given up and tried again. An
   * attempt made while the network was away can hang for minutes (the OS's own connect timeout),
   * long after the network is back and past the server's grace period.
   */
  attemptTimeoutMs?: number;
}

const OPEN = 1;
/** How long a stop waits for the server's close (its relay flushes a few seconds of media first). */
const STOP_CONFIRM_MS = 15_000;
/** How long an open socket waits for `ready` (a hello claims a ticket and starts a relay first). */
const READY_WAIT_MS = 15_000;

export class BroadcastConnection extends EventEmitter<BroadcastEvents> {
  state: BroadcastState = 'connecting';
  private socket?: SocketLike;
  private ready?: Ready;
  private url = '';
  private held: (ArrayBufferLike | ArrayBufferView)[] = [];
  private heldBytes = 0;
  /** When the current outage began, for giving up. */
  private troubleSince?: number;
  private attempts = 0;
  private droppedAt = 0;
  /** Resume attempts in a row that could not even connect. */
  private unreachable = 0;
  private readonly retryDelaysMs: number[];
  private readonly giveUpAfterMs: number;
  private readonly maxHeldBytes: number;
  private readonly attemptTimeoutMs: number;
  private openTimer?: ReturnType<typeof setTimeout>;
  private stopTimer?: ReturnType<typeof setTimeout>;
  /** Bumped at every state change: a continuation that finds it changed after a wait is stale. */
  private epoch = 0;
  /** A ticket got while resuming kept failing: used if one more resume cannot connect either. */
  private fallback?: Credentials;

  constructor(private readonly options: BroadcastConnectionOptions) {
    super();
    this.retryDelaysMs = options.retryDelaysMs ?? [0, 500, 1000, 2000, 4000];
    this.giveUpAfterMs = options.giveUpAfterMs ?? 60_000;
    this.maxHeldBytes = options.maxHeldBytes ?? 8 * 1024 * 1024;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 5000;
  }

  start(): void {
    void this.newSession();
  }

  /** The transwrap endpoint in use (or being tried), for the seller's stats panel. */
  get endpoint(): string {
    return this.url;
  }

  /**
   * Media waiting on this device: in the socket's send buffer, or held while reconnecting. A
   * backlog that keeps growing means the uplink is slower than the recording.
   */
  get backlogBytes(): number {
    return (this.socket?.bufferedAmount ?? 0) + this.heldBytes;
  }

  /** Media from the recorder; held while reconnecting. */
  send(chunk: ArrayBufferLike | ArrayBufferView): void {
    if (this.state === 'ended' || this.state === 'stopping') return;
    if (this.state === 'live' && this.socket?.readyState === OPEN) return this.socket.send(chunk);
    this.held.push(chunk);
    this.heldBytes += chunk.byteLength;
    while (this.heldBytes > this.maxHeldBytes && this.held.length > 1)
      this.heldBytes -= this.held.shift()!.byteLength;
  }

  /** Ends the broadcast: the server relays what it has, then closes with 1000. */
  stop(): void {
    if (this.state === 'ended') return;
    if (this.state === 'live' && this.socket?.readyState === OPEN) {
      this.setState('stopping');
      this.socket.send(stringifyMessage({ type: 'stop' }));
      // The server closes once the relay has flushed; if that close never comes (the network went
      // with the stop), the broadcast is over for the seller all the same.
      this.stopTimer = setTimeout(
        () => this.end({ code: CloseCode.Normal, reason: 'stopped; the server did not confirm' }),
        STOP_CONFIRM_MS,
      );
    } else this.end({ code: CloseCode.Normal, reason: 'stopped before the broadcast was live' });
  }

  /** The endpoint is going away or gone (onEndpointChanged said so): move now. */
  move(): void {
    if (this.state === 'live' || this.state === 'resuming') this.moveNow();
  }

  private setState(state: BroadcastState): void {
    if (this.state === state) return;
    this.state = state;
    this.epoch++;
    this.emit(BroadcastEvent.StateChanged, state);
  }

  private end(end: BroadcastEnd): void {
    if (this.state === 'ended') return;
    clearTimeout(this.stopTimer);
    this.fallback = undefined;
    this.held = [];
    this.heldBytes = 0;
    this.detach()?.close(1000, 'ended');
    this.setState('ended');
    this.emit(BroadcastEvent.Ended, end);
  }

  /** Stops listening to the current socket and returns it. */
  private detach(): SocketLike | undefined {
    const socket = this.socket;
    if (socket) socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    this.socket = undefined;
    clearTimeout(this.openTimer);
    return socket;
  }

  /** That session is over (never resume it): on to another. */
  private abandonSession(): void {
    this.ready = undefined;
    this.fallback = undefined;
    this.setState('moving');
  }

  /** Leaves the current socket deliberately (1000: the server ends that session) and reconnects. */
  private moveNow(): void {
    this.detach()?.close(1000, 'moving');
    this.abandonSession();
    void this.newSession();
  }

  /** Waits before the next attempt; false if the broadcast ended or went another way meanwhile. */
  private async retryWait(): Promise<boolean> {
    const epoch = this.epoch;
    this.troubleSince ??= Date.now();
    if (Date.now() - this.troubleSince > this.giveUpAfterMs) {
      this.end({ code: CloseCode.GoingAway, reason: 'no endpoint could be reached' });
      return false;
    }
    const delay = this.retryDelaysMs[Math.min(this.attempts++, this.retryDelaysMs.length - 1)] ?? 1000;
    await new Promise((resolve) => setTimeout(resolve, delay));
    return this.epoch === epoch && this.state !== 'ended';
  }

  /**
   * What a new session needs from the API and Cognito; undefined when they cannot be reached in
   * time (offline, or a request hanging in a dead zone).
   */
  private async credentials(): Promise<Credentials | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.attemptTimeoutMs);
    });
    const asked = Promise.resolve()
      .then(() => Promise.all([this.options.ticket(), this.options.accessToken()]))
      .catch(() => undefined);
    const credentials = await Promise.race([asked, late]);
    clearTimeout(timer);
    return credentials;
  }

  /** A new ticket, hello, and a new recording. */
  private async newSession(): Promise<void> {
    if (this.state !== 'connecting' && this.state !== 'moving') return;
    const epoch = this.epoch;
    const credentials = await this.credentials();
    if (this.epoch !== epoch) return;
    if (credentials) return this.begin(...credentials);
    if (await this.retryWait()) return this.newSession();
  }

  private begin(ticket: Ticket, accessToken: string): void {
    if (this.state === 'ended') return;
    this.url = ticket.url;
    const hello = stringifyMessage({
      type: 'hello',
      ticket: ticket.ticket,
      accessToken,
      media: this.options.media,
    });
    this.open(hello, () => {
      // The old recording cannot continue into a new session: the server needs a header first.
      // Not before the socket opens: an endpoint that cannot be reached costs no restart.
      this.held = [];
      this.heldBytes = 0;
      this.emit(BroadcastEvent.NewRecording);
    });
  }

  /** The same session on a new socket, the recording carrying on. */
  private resume(): void {
    const ready = this.ready;
    if (!ready) return this.moveNow();
    this.setState('resuming');
    this.open(
      stringifyMessage({ type: 'resume', sessionId: ready.sessionId, resumeToken: ready.resumeToken }),
    );
  }

  private open(opening: string, whenOpen?: () => void): void {
    this.detach()?.close(1000, 'replaced'); // one socket at a time, whatever led here
    let socket: SocketLike;
    try {
      socket = this.options.openSocket(this.url, SUBPROTOCOL);
    } catch (error) {
      // A URL the browser refuses outright (malformed, ws:// from an https page): as unreachable.
      queueMicrotask(() => void this.closed(1006, String(error), false));
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    let opened = false;
    // Closing a socket that is still connecting ends in onclose (1006), as a refused one does.
    this.openTimer = setTimeout(() => socket.close(), this.attemptTimeoutMs);
    socket.onopen = () => {
      opened = true;
      clearTimeout(this.openTimer);
      // Open but no `ready` (the network went just after the handshake): give this socket up too,
      // without waiting for its close, whose handshake would need that network. No close code:
      // the server may hold the session for a resume.
      this.openTimer = setTimeout(() => {
        this.detach()?.close();
        void this.closed(1006, 'no answer from the server', true);
      }, READY_WAIT_MS);
      whenOpen?.();
      socket.send(opening);
    };
    socket.onmessage = ({ data }) => {
      if (typeof data !== 'string') return;
      const message = parseServerMessage(data);
      if (!('invalid' in message)) return this.message(message);
      const reason = `the server sent a message this client cannot read: ${message.invalid}`;
      this.detach()?.close(CloseCode.BadMessage, reason.slice(0, 123));
      this.end({ code: CloseCode.BadMessage, reason });
    };
    socket.onerror = () => undefined; // onclose follows and decides
    socket.onclose = ({ code, reason }) => {
      this.detach();
      void this.closed(opened ? code : 1006, reason, opened);
    };
  }

  private message(message: ServerMessage): void {
    switch (message.type) {
      case 'ready': {
        clearTimeout(this.openTimer);
        this.ready = message;
        this.fallback = undefined;
        this.troubleSince = undefined;
        this.attempts = 0;
        this.unreachable = 0;
        this.setState('live');
        const held = this.held;
        this.held = [];
        this.heldBytes = 0;
        for (const chunk of held) this.socket?.send(chunk);
        return;
      }
      case 'stats':
        this.emit(BroadcastEvent.Stats, message);
        return;
      case 'bitrate':
        this.emit(BroadcastEvent.BitrateAdvice, message.maxKbps);
        return;
      case 'drain':
        if (afterDrain(this.state === 'stopping') === 'move') this.moveNow();
        return;
    }
  }

  private async closed(code: number, reason: string, opened: boolean): Promise<void> {
    if (this.state === 'ended') return;
    const resuming = this.state === 'resuming';
    // The grace is counted from the first drop, not from each failed resume.
    if (!resuming) this.droppedAt = Date.now();
    const { decision, unreachable } = afterClose({
      code,
      opened,
      stopping: this.state === 'stopping',
      resuming,
      hasSession: this.ready !== undefined,
      unreachableBefore: this.unreachable,
      hasFallbackTicket: this.fallback !== undefined,
      graceLeftMs: (this.ready?.limits.resumeGraceMs ?? 0) - (Date.now() - this.droppedAt),
    });
    this.unreachable = unreachable;
    const fallback = this.fallback;
    this.fallback = undefined;
    switch (decision.do) {
      case 'end':
        return this.end({ code: decision.code, reason });
      case 'new session':
        this.abandonSession();
        if (!decision.wait || (await this.retryWait())) await this.newSession();
        return;
      case 'use fallback ticket':
        this.abandonSession();
        return this.begin(...fallback!);
      case 'ask api':
        this.setState('resuming');
        return this.moveIfOnline();
      case 'resume':
        this.setState('resuming');
        if (decision.wait && !(await this.retryWait())) return;
        return this.resume();
    }
  }

  /**
   * The endpoint could not be reached twice in a row: it is gone (kill -9), or this device is
   * offline. A ticket tells which. Without one the network is down, and the session may still be
   * there when it is back: keep resuming. With one the network works now (perhaps only just): one
   * more resume, and if that cannot connect either, move with the ticket rather than wait out the
   * grace.
   */
  private async moveIfOnline(): Promise<void> {
    const epoch = this.epoch;
    const credentials = await this.credentials();
    if (this.epoch !== epoch) return;
    if (credentials) {
      this.fallback = credentials;
      return this.resume();
    }
    if (await this.retryWait()) this.resume();
  }
}
