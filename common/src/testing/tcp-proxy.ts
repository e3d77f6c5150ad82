/**
 * A loopback TCP proxy for fault tests: clients connect to it instead of the real server, and the
 * test can cut every connection at once, as a network drop would, while the server stays up.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/** A poor uplink: a bandwidth cap, and a pause of `hiccupMs` every `hiccupEveryMs` (a Wi-Fi or cell hiccup, TCP retransmitting). */
export interface Impairment {
  kbps: number;
  hiccupEveryMs: number;
  hiccupMs: number;
}

/**
 * The client-to-server direction through an impairment, read afresh for each chunk so it can change
 * mid-connection. A chunk is held until the link would have carried it; meanwhile nothing more is
 * read, so the sender's own buffer fills as on a slow network.
 */
class Uplink extends Transform {
  private nextFreeAt = 0;

  constructor(private readonly impairment: () => Impairment | undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const impairment = this.impairment();
    if (!impairment) return done(null, chunk);
    const now = Date.now();
    const phase = now % impairment.hiccupEveryMs;
    const hiccupEndsAt = phase < impairment.hiccupMs ? now + impairment.hiccupMs - phase : now;
    const sendAt = Math.max(hiccupEndsAt, this.nextFreeAt);
    // kbps is bits per millisecond.
    this.nextFreeAt = sendAt + (chunk.length * 8) / impairment.kbps;
    // Pacing, not waiting: the simulated link carries the chunk when it would have.
    setTimeout(() => done(null, chunk), sendAt - now);
  }
}

export interface TcpProxy {
  port: number;
  /** Destroys every open connection (both sides); new connections still work. */
  dropAll(): void;
  /**
   * The network goes away: every open connection is cut. New ones hang, as they do while packets go
   * unanswered, until the returned function brings the network back and lets them through; with
   * `refuse`, they fail at once, as on a device that knows it is offline; with `lost`, they hang
   * for good, as an attempt whose packets went nowhere can until the OS gives up on it.
   */
  outage(options?: { refuse?: boolean; lost?: boolean }): () => void;
  /** From now on, what clients send crosses a poor uplink; undefined makes it a clean one again. */
  impair(impairment: Impairment | undefined): void;
  /** Connections forwarded to the server now. */
  connections(): number;
  /** Connections refused so far (made during an outage with `refuse`). */
  refused(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const forwarded = new Set<Socket>();
  const waiting = new Set<Socket>();
  const neverAnswered = new Set<Socket>();
  let down: false | 'hang' | 'refuse' = false;
  let impairment: Impairment | undefined;
  let refused = 0;

  const forward = (client: Socket) => {
    const upstream = connect(targetPort, targetHost);
    forwarded.add(client);
    upstream.on('error', () => undefined);
    client.on('close', () => {
      forwarded.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client
      .pipe(new Uplink(() => impairment))
      .pipe(upstream)
      .pipe(client);
  };
  const server = createServer((client) => {
    client.on('error', () => undefined);
    if (!down) return forward(client);
    if (down === 'refuse') {
      refused++;
      return client.destroy();
    }
    // Nothing reads it yet: what the client sends waits in its buffer until the network is back.
    waiting.add(client);
    client.on('close', () => waiting.delete(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const dropAll = () => forwarded.forEach((client) => client.destroy());
  return {
    port: (server.address() as AddressInfo).port,
    dropAll,
    outage: ({ refuse = false, lost = false } = {}) => {
      down = refuse ? 'refuse' : 'hang';
      dropAll();
      return () => {
        down = false;
        for (const client of waiting) {
          if (lost) neverAnswered.add(client);
          else forward(client);
        }
        waiting.clear();
      };
    },
    impair: (next) => void (impairment = next),
    connections: () => forwarded.size,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of [...forwarded, ...waiting, ...neverAnswered]) client.destroy();
        server.close(() => resolve());
      }),
  };
}
