/** A Node client speaking PROTOCOL.md, for tests and benchmarks. */
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { until } from '@golive/common/testing/poll';
import {
  parseServerMessage,
  stringifyMessage,
  SUBPROTOCOL,
  type MediaDeclaration,
  type ServerMessage,
} from '../protocol/messages';

export class IngestClient {
  readonly messages: ServerMessage[] = [];
  /** Why each text frame the validators refused was refused: a test waiting on messages fails on one. */
  readonly unreadable: string[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private stopping = false;

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
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return;
      const message = parseServerMessage(data.toString());
      if ('invalid' in message) this.unreadable.push(message.invalid);
      else this.messages.push(message);
    });
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

  /** The first message of `type`, or with `after` (a count of messages), the first one after those. */
  async next<T extends ServerMessage['type']>(
    type: T,
    timeoutMs = 15_000,
    after = 0,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(after).find((message) => message.type === type);
      if (found) return found as Extract<ServerMessage, { type: T }>;
      if (this.unreadable.length > 0)
        throw new Error(
          `transwrap sent a message the protocol does not allow: ${this.unreadable.join('; ')}`,
        );
      if (Date.now() > deadline || this.socket.readyState === WebSocket.CLOSED)
        throw new Error(`no ${type} message; got ${JSON.stringify(this.messages)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for a `stats` saying the relay was restarted and is live again, the socket open all along. */
  async relayRestarted(timeoutMs = 30_000): Promise<void> {
    await until(
      'stats saying the relay restarted and is live',
      () => {
        if (this.socket.readyState !== WebSocket.OPEN)
          throw new Error('the socket closed while the relay restarted');
        const stats = this.messages.filter((message) => message.type === 'stats').at(-1);
        return stats?.type === 'stats' && stats.restarts >= 1 && stats.rtmp === 'live';
      },
      timeoutMs,
    );
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
      const due = start + (offset / bytes.length) * durationSeconds * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      if (this.stopping || this.socket.readyState !== WebSocket.OPEN) return;
      this.socket.send(bytes.subarray(offset, offset + chunkBytes));
    }
  }

  /** Ends the broadcast as a broadcaster does: no more media, then `stop`. */
  stop(): void {
    this.stopping = true;
    this.socket.send(stringifyMessage({ type: 'stop' }));
  }
}
