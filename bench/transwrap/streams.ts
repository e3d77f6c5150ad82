/**
 * One broadcaster of the bench: a WebSocket to a relay, a sender that releases the media file's
 * bytes at the pace it was recorded, and the frames' arrival at the tap in front of the ingest.
 *
 * Pacing: every TICK_MS the sender sends, as one binary message, all bytes whose media time has
 * come (up to the first packet not yet due), like a MediaRecorder with a 100 ms timeslice. A
 * video frame counts as sent when the message holding its last byte is handed to the socket.
 * The k-th H.264 frame reaching the tap is the k-th video frame of the file (copy keeps every
 * frame; x264 with zerolatency emits one frame per input frame), checked against its timestamp.
 */
import { WebSocket } from 'ws';
import {
  parseServerMessage,
  stringifyMessage,
  type ServerMessage,
} from '@golive/transwrap/protocol/messages';
import { clock } from './clock';
import type { IndexedMedia } from './media';

export const TICK_MS = 100;
/** Far below transwrap's 1 MiB limit; a 100 ms message of 3 Mbps media is ~37 KiB. */
const MAX_MESSAGE_BYTES = 256 * 1024;
/** A frame whose FLV time is this far from the file's time (after the first frame's offset) is not the frame we think. */
const TIMESTAMP_SLACK_MS = 50;

export class PacedSender {
  readonly sentAt: Float64Array;
  private next = 0;
  private sentBytes = 0;
  private videoSent = 0;
  private tick = 0;
  private timer?: NodeJS.Timeout;
  private startedAt = 0;
  done = false;
  /** How late ticks fired (ms) since the last reset: the bench itself falling behind. */
  maxLateMs = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly media: IndexedMedia,
  ) {
    this.sentAt = new Float64Array(media.videoMs.length).fill(NaN);
  }

  start(): void {
    this.startedAt = clock();
    this.send();
  }

  private send(): void {
    if (this.done) return;
    if (this.socket.readyState !== WebSocket.OPEN) return this.stop();
    const now = clock();
    const due = this.startedAt + this.tick * TICK_MS;
    this.maxLateMs = Math.max(this.maxLateMs, now - due);
    const { packetMs, packetPos, bytes, videoEnd } = this.media;
    const elapsed = now - this.startedAt;
    while (this.next < packetMs.length && packetMs[this.next]! <= elapsed) this.next++;
    const boundary = this.next < packetPos.length ? packetPos[this.next]! : bytes.length;
    // After a stall the backlog goes out as several messages: none may exceed the relay's limit.
    while (boundary > this.sentBytes) {
      const end = Math.min(boundary, this.sentBytes + MAX_MESSAGE_BYTES);
      const at = clock();
      this.socket.send(bytes.subarray(this.sentBytes, end));
      this.sentBytes = end;
      while (this.videoSent < videoEnd.length && videoEnd[this.videoSent]! <= end)
        this.sentAt[this.videoSent++] = at;
    }
    if (this.sentBytes >= bytes.length) return this.stop();
    this.tick++;
    this.timer = setTimeout(() => this.send(), Math.max(0, this.startedAt + this.tick * TICK_MS - clock()));
  }

  stop(): void {
    this.done = true;
    clearTimeout(this.timer);
  }
}

export interface Arrival {
  at: number;
  delay: number;
}

export interface StreamWindow {
  sent: number;
  arrived: number;
  delays: number[];
  maxDelay: number;
}

/** A broadcast as the bench sees it: what was sent when, what reached the tap when. */
/** A broadcast as the bench sees it: what was sent when, what reached the tap when. */
export class BenchStream {
  sender?: PacedSender;
  readonly arrivals: Arrival[] = [];
  /** Frames at the tap that were not the frame expected (dropped, repeated or restarted relay). */
  outOfStep = 0;
  private received = 0;
  private offset?: number;
  closed?: { code: number; at: number };
  /** transwrap's `stats` and `bitrate` messages, with when they came. */
  readonly messages: { at: number; message: ServerMessage }[] = [];
  socket?: WebSocket;

  constructor(
    readonly channelId: string,
    readonly key: string,
    readonly media: IndexedMedia,
  ) {}

  attach(socket: WebSocket): void {
    this.socket = socket;
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return;
      const message = parseServerMessage(data.toString());
      if (!('invalid' in message)) this.messages.push({ at: clock(), message });
    });
    socket.once('close', (code) => (this.closed = { code, at: clock() }));
  }

  startSending(): void {
    if (!this.socket) throw new Error('no socket');
    this.sender = new PacedSender(this.socket, this.media);
    this.sender.start();
  }

  /** A video frame reached the tap (its last byte, at `at`). */
  videoArrived(timestamp: number, at: number): void {
    const k = this.received++;
    const sentAt = this.sender?.sentAt[k];
    if (sentAt === undefined || Number.isNaN(sentAt)) {
      this.outOfStep++;
      return;
    }
    const offset = timestamp - this.media.videoMs[k]!;
    this.offset ??= offset;
    if (Math.abs(offset - this.offset) > TIMESTAMP_SLACK_MS) this.outOfStep++;
    this.arrivals.push({ at, delay: at - sentAt });
  }

  get live(): boolean {
    return this.received > 0;
  }

  window(from: number, to: number): StreamWindow {
    let sent = 0;
    for (const at of this.sender?.sentAt ?? []) if (at >= from && at < to) sent++;
    const delays = this.arrivals
      .filter((arrival) => arrival.at >= from && arrival.at < to)
      .map((arrival) => arrival.delay);
    return { sent, arrived: delays.length, delays, maxDelay: delays.length ? Math.max(...delays) : NaN };
  }

  stop(): void {
    this.sender?.stop();
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(stringifyMessage({ type: 'stop' }));
  }
}
