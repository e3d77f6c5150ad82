/**
 * verify's side of transwrap/PROTOCOL.md, with `ws` rather than the PWA's BroadcastConnection:
 * that one retries and moves on purpose, and a browser never sees why a handshake failed. Here
 * every refusal is kept exactly: the HTTP status of a failed upgrade (and whether CloudFront or
 * the ALB answered), the network error, the close code and reason.
 */
import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import {
  CloseCode,
  parseServerMessage,
  stringifyMessage,
  SUBPROTOCOL,
  type MediaDeclaration,
  type ServerMessage,
} from '../../../transwrap/src/protocol/messages';
import { VerifyFailure } from './failure-hints';

type Ready = Extract<ServerMessage, { type: 'ready' }>;
export type Stats = Extract<ServerMessage, { type: 'stats' }>;

/** Who answered a refused upgrade, from the headers CloudFront and the ALB add. */
function answeredBy(response: IncomingMessage): string {
  const header = (name: string) => String(response.headers[name] ?? '');
  if (header('x-amz-cf-id') || /cloudfront/i.test(`${header('via')} ${header('server')}`))
    return 'CloudFront';
  if (/awselb/i.test(header('server'))) return 'the ALB';
  return '';
}

export interface Closed {
  code: number;
  reason: string;
}

export const closeFailure = ({ code, reason }: Closed) =>
  new VerifyFailure(`close:${code}`, `transwrap closed the connection: ${code}${reason ? ` ${reason}` : ''}`);

export class IngestSession {
  /** The last `stats` transwrap sent: how far the relay got (rtmp connecting/live). */
  lastStats: Stats | undefined;
  private ready: Ready | undefined;
  private closedWith: Closed | undefined;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return;
      const message = parseServerMessage(data.toString());
      if ('invalid' in message) {
        // A transwrap speaking another protocol version: say so rather than wait for a ready.
        const reason = `transwrap sent a message this check cannot read: ${message.invalid}`;
        socket.close(CloseCode.BadMessage, reason.slice(0, 123));
        this.closedWith = { code: CloseCode.BadMessage, reason };
        this.listeners.forEach((listener) => listener());
        return;
      }
      if (message.type === 'ready') this.ready = message;
      if (message.type === 'stats') this.lastStats = message;
      this.listeners.forEach((listener) => listener());
    });
    socket.on('close', (code, reason) => {
      this.closedWith ??= { code, reason: reason.toString() };
      this.listeners.forEach((listener) => listener());
    });
  }

  /** Opens the WebSocket (no Origin: a program, not a page); rejects with the exact refusal. */
  static open(url: string, signal: AbortSignal): Promise<IngestSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, [SUBPROTOCOL]);
      const fail = (failure: VerifyFailure) => {
        socket.removeAllListeners('open');
        reject(failure);
      };
      socket.on('error', (error: Error & { code?: string }) => {
        if (/subprotocol/i.test(error.message))
          return fail(new VerifyFailure('wss:no-subprotocol', `${url}: ${error.message}`));
        const code = error.code ?? 'unknown';
        const kind = /CERT|TLS|SSL/.test(code) ? 'TLS' : code;
        fail(new VerifyFailure(`network:${kind}`, `${url}: ${error.message}`));
      });
      socket.once('unexpected-response', (request, response) => {
        const by = answeredBy(response);
        const symptom = `wss:http-${response.statusCode}${by ? `@${by}` : ''}`;
        fail(
          new VerifyFailure(
            symptom,
            `handshake answered HTTP ${response.statusCode}${by ? ` by ${by}` : ''} at ${url}`,
          ),
        );
        response.resume();
        request.destroy();
      });
      const abort = () => socket.terminate();
      signal.addEventListener('abort', abort, { once: true });
      socket.once('open', () => {
        signal.removeEventListener('abort', abort);
        resolve(new IngestSession(socket));
      });
    });
  }

  /** Resolves when `done` says so, or rejects when the socket closes or the step is aborted first. */
  private until<T>(done: () => T | undefined, signal: AbortSignal): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const result = done();
        if (result === undefined && !this.closedWith && !signal.aborted) return;
        this.listeners.delete(check);
        signal.removeEventListener('abort', check);
        if (result !== undefined) resolve(result);
        else if (this.closedWith) reject(closeFailure(this.closedWith));
        else reject(new VerifyFailure('timeout', 'aborted'));
      };
      this.listeners.add(check);
      signal.addEventListener('abort', check, { once: true });
      check();
    });
  }

  /** hello with the ticket and the seller's access token; resolves with transwrap's `ready`. */
  hello(ticket: string, accessToken: string, media: MediaDeclaration, signal: AbortSignal): Promise<Ready> {
    this.socket.send(stringifyMessage({ type: 'hello', ticket, accessToken, media }));
    return this.until(() => this.ready, signal);
  }

  /** Resolves once transwrap's relay says `rtmp: live` (IVS takes the stream). */
  relayLive(signal: AbortSignal): Promise<Stats> {
    return this.until(() => (this.lastStats?.rtmp === 'live' ? this.lastStats : undefined), signal);
  }

  /** Rejects when the connection closes (a broadcast that ends under a waiting step). */
  whenClosed(): Promise<never> {
    return this.until<never>(() => undefined, new AbortController().signal);
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Media, in frames no larger than transwrap allows. */
  send(chunk: Buffer): void {
    if (!this.isOpen) return;
    const max = this.ready?.limits.maxMessageBytes ?? chunk.length;
    for (let at = 0; at < chunk.length; at += max) this.socket.send(chunk.subarray(at, at + max));
  }

  /** Ends the broadcast as the PWA does (`stop`); resolves with the close (1000 when all went well). */
  stop(signal: AbortSignal): Promise<Closed> {
    if (this.isOpen) this.socket.send(stringifyMessage({ type: 'stop' }));
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.closedWith && !signal.aborted) return;
        this.listeners.delete(check);
        signal.removeEventListener('abort', check);
        if (this.closedWith) resolve(this.closedWith);
        else reject(new VerifyFailure('timeout', 'no close after stop'));
      };
      this.listeners.add(check);
      signal.addEventListener('abort', check, { once: true });
      check();
    });
  }

  /**
   * Leaves, as a broadcaster that is done: a 1000 close ends the session at once (a dropped socket
   * would be held for transwrap's resume grace, keeping the channel live at IVS meanwhile).
   */
  leave(): void {
    if (this.isOpen) this.socket.close(1000, 'verify ended');
    else this.socket.terminate();
  }
}
