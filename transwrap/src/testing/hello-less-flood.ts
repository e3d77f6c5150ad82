/**
 * The lock-out attack on ingest: WebSockets that complete the upgrade and never say hello, each
 * reopened the moment it closes, from several client addresses (real loopback addresses such as
 * 127.0.0.2, or X-Forwarded-For values for an instance behind trusted proxies).
 */
import { WebSocket } from 'ws';
import { SUBPROTOCOL } from '../protocol/messages';

export interface FloodLane {
  /** The local address to connect from (127.0.0.x: Linux routes all of 127/8 to loopback). */
  localAddress?: string;
  /** An X-Forwarded-For header, as the proxies in front would write it. */
  forwardedFor?: string;
}

export class HelloLessFlood {
  /** Sockets the server accepted (upgrade completed). */
  opened = 0;
  /** How the server closed them: counts by code and reason. */
  private readonly closes = new Map<string, number>();
  private running = false;
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly url: string,
    private readonly lanes: FloodLane[],
  ) {}

  start(): void {
    this.running = true;
    this.lanes.forEach((lane) => this.open(lane));
  }

  /** Sockets closed by the server so far. */
  get closed(): number {
    return [...this.closes.values()].reduce((sum, count) => sum + count, 0);
  }

  /** Sockets the server closed with `code` (and `reason`, if given). */
  closedWith(code: number, reason?: string): number {
    return [...this.closes]
      .filter(([key]) => (reason === undefined ? key.startsWith(`${code} `) : key === `${code} ${reason}`))
      .reduce((sum, [, count]) => sum + count, 0);
  }

  private open(lane: FloodLane): void {
    if (!this.running) return;
    const socket = new WebSocket(this.url, [SUBPROTOCOL], {
      localAddress: lane.localAddress,
      headers: lane.forwardedFor ? { 'X-Forwarded-For': lane.forwardedFor } : {},
    });
    this.sockets.add(socket);
    socket.on('open', () => this.opened++);
    socket.on('error', () => undefined); // a refused or cut connection ends in 'close' too
    socket.on('close', (code, reason) => {
      this.sockets.delete(socket);
      const key = `${code} ${reason.toString()}`;
      if (code !== 1006) this.closes.set(key, (this.closes.get(key) ?? 0) + 1);
      setImmediate(() => this.open(lane));
    });
  }

  /** Stops reopening and closes what is open; resolves once every socket has closed. */
  async stop(): Promise<void> {
    this.running = false;
    const closing = [...this.sockets].map(
      (socket) => new Promise((resolve) => socket.once('close', resolve)),
    );
    this.sockets.forEach((socket) => socket.terminate());
    await Promise.all(closing);
  }
}

/** `lanesPerAddress` lanes from each of `addresses` loopback addresses: 127.0.0.<first>, <first + 1>, ... */
export function loopbackLanes(addresses: number, lanesPerAddress: number, first = 2): FloodLane[] {
  return Array.from({ length: addresses * lanesPerAddress }, (_, index) => ({
    localAddress: `127.0.0.${first + Math.floor(index / lanesPerAddress)}`,
  }));
}
