/** A Node client speaking PROTOCOL.md, for tests and benchmarks. */
import type { ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { WebSocket } from 'ws';
import { MessageLog } from '@golive/common/testing/message-log';
import {
  parseServerMessage,
  stringifyMessage,
  SUBPROTOCOL,
  type MediaDeclaration,
  type ServerMessage,
} from '../protocol/messages';

export class IngestClient {
  /** Every message transwrap sent; it ends when the socket closes, and fails on an unreadable one. */
  readonly log = new MessageLog<ServerMessage>();
  /** Why each text frame the validators refused was refused: a test waiting on messages fails on one. */
  readonly unreadable: string[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private stopping = false;
  private readonly onStop: (() => void)[] = [];

  constructor(
    url: string,
    options: { origin?: string; protocols?: string[]; headers?: Record<string, string> } = {},
  ) {
    this.socket = new WebSocket(url, options.protocols ?? [SUBPROTOCOL], {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => {
        this.log.end(`the socket closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`);
        resolve({ code, reason: reason.toString() });
      }),
    );
    this.socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return;
      const message = parseServerMessage(data.toString());
      if (!('invalid' in message)) return this.log.push(message);
      this.unreadable.push(message.invalid);
      this.log.fail(new Error(`transwrap sent a message the protocol does not allow: ${message.invalid}`));
    });
  }

  /** Every message transwrap sent, oldest first. */
  get messages(): readonly ServerMessage[] {
    return this.log.messages;
  }

  /** `accessToken`: the seller's sign-in token (the one the ticket was issued to). */
  async hello(ticket: string, media: MediaDeclaration, accessToken: string): Promise<void> {
    await this.opened;
    this.socket.send(stringifyMessage({ type: 'hello', ticket, accessToken, media }));
  }

  /** Opens a held broadcast again, from the last `ready` another client received. */
  async resume(ready: { sessionId: string; resumeToken: string }): Promise<void> {
    await this.opened;
    this.socket.send(
      stringifyMessage({ type: 'resume', sessionId: ready.sessionId, resumeToken: ready.resumeToken }),
    );
  }

  /**
   * The first message of `type`, or with `after` (a count of messages: `messages.length` for one
   * still to come), the first one after those. Fails at once if the socket closes first or
   * transwrap sends something the protocol does not allow.
   */
  next<T extends ServerMessage['type']>(
    type: T,
    timeoutMs = 15_000,
    after = 0,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    return this.log.next(`a ${type} message`, (message) => message.type === type, {
      after,
      timeoutMs,
    }) as Promise<Extract<ServerMessage, { type: T }>>;
  }

  /** Waits for a `stats` saying the relay was restarted and is live again, the socket open all along. */
  async relayRestarted(timeoutMs = 30_000): Promise<void> {
    await this.log.next(
      'stats saying the relay restarted and is live',
      (message) => message.type === 'stats' && message.restarts >= 1 && message.rtmp === 'live',
      { timeoutMs },
    );
    if (this.socket.readyState !== WebSocket.OPEN)
      throw new Error('the socket closed while the relay restarted');
  }

  /**
   * Sends a media file in chunks at real-time pace (its duration spread over its bytes), from
   * `fromSecond` on if given (a broadcaster carrying on after a gap), until the file ends, the
   * socket closes or `stop()` is called.
   */
  async sendFile(
    path: string,
    durationSeconds: number,
    chunkBytes = 32 * 1024,
    fromSecond = 0,
  ): Promise<void> {
    const bytes = readFileSync(path);
    const first = Math.floor((fromSecond / durationSeconds) * bytes.length);
    const start = Date.now() - fromSecond * 1000;
    for (let offset = first; offset < bytes.length; offset += chunkBytes) {
      // Pacing, not waiting: each chunk goes out when a recorder would have produced it.
      const due = start + (offset / bytes.length) * durationSeconds * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      if (this.stopping || this.socket.readyState !== WebSocket.OPEN) return;
      this.socket.send(bytes.subarray(offset, offset + chunkBytes));
    }
  }

  /**
   * Sends what a live recorder writes (liveBrowserMedia) as it comes, until `stop()` (which ends
   * the recorder) or the socket closes.
   */
  sendLive(recorder: ChildProcessByStdio<null, Readable, null>): Promise<void> {
    const ended = new Promise<void>((resolve) => recorder.once('close', () => resolve()));
    const end = () => recorder.kill('SIGKILL');
    this.onStop.push(end);
    void this.closed.then(end);
    recorder.stdout.on('data', (chunk: Buffer) => {
      if (!this.stopping && this.socket.readyState === WebSocket.OPEN) this.socket.send(chunk);
    });
    return ended;
  }

  /** Ends the broadcast as a broadcaster does: no more media, then `stop`. */
  stop(): void {
    this.stopping = true;
    for (const end of this.onStop) end();
    this.socket.send(stringifyMessage({ type: 'stop' }));
  }
}
