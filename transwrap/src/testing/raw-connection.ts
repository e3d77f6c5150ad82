/**
 * A client at the TCP level, for what no WebSocket library does on purpose: sending a handshake or
 * a frame one byte at a time (slowloris), and seeing exactly what the server answers and when it
 * hangs up.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { until } from '@golive/common/testing/poll';
import { SUBPROTOCOL } from '../protocol/messages';

export class RawConnection {
  private received = Buffer.alloc(0);
  /** Resolves when the server has closed the TCP connection. */
  readonly ended: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => (this.received = Buffer.concat([this.received, chunk])));
    // Writes racing the server's hang-up fail with EPIPE/ECONNRESET: that is the hang-up itself.
    socket.on('error', () => {});
    this.ended = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawConnection(socket);
  }

  /** The HTTP request that opens an ingest WebSocket, as a browser sends it. */
  static upgradeRequest(url: string): Buffer {
    const { host, pathname } = new URL(url);
    const lines = [
      `GET ${pathname} HTTP/1.1`,
      `Host: ${host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Protocol: ${SUBPROTOCOL}`,
    ];
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
  }

  /** One masked text frame, as RFC 6455 requires of clients (payloads under 126 bytes). */
  static textFrame(text: string): Buffer {
    const payload = Buffer.from(text);
    if (payload.length >= 126) throw new Error('textFrame: keep test payloads under 126 bytes');
    const mask = randomBytes(4);
    const masked = payload.map((byte, index) => byte ^ mask[index % 4]!);
    return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
  }

  write(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Sends `bytes` one at a time, `everyMs` apart, until done or the server hangs up. */
  async dribble(bytes: Buffer, everyMs: number): Promise<void> {
    for (const byte of bytes) {
      if (this.socket.destroyed || this.socket.readableEnded) return;
      this.write(Buffer.from([byte]));
      // Pacing, not waiting: slowness is what this client is for.
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /**
   * Waits until the server's HTTP response head has arrived, or the connection is gone; returns
   * the first line received (the status line).
   */
  async responseStatus(timeoutMs = 5000): Promise<string> {
    await until(
      "the server's HTTP response head",
      () => this.headEnd() >= 0 || this.socket.destroyed,
      timeoutMs,
    );
    return this.received.toString('latin1').split('\r\n')[0] ?? '';
  }

  /** The server's close frame after the handshake, if it sent one. */
  closeFrame(): { code: number; reason: string } | undefined {
    const frames = this.received.subarray(this.headEnd() + 4);
    // Server frames are unmasked; a close frame with a short reason: 0x88, length, code, reason.
    if (frames.length < 4 || frames[0] !== 0x88) return undefined;
    const length = frames[1]! & 0x7f;
    return {
      code: frames.readUInt16BE(2),
      reason: frames.subarray(4, 2 + length).toString('utf8'),
    };
  }

  destroy(): void {
    this.socket.destroy();
  }

  private headEnd(): number {
    return this.received.indexOf('\r\n\r\n');
  }
}
