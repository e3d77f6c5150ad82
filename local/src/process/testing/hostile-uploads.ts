/**
 * Uploads an attacker would try, over plain TCP connections so that nothing on this side tidies
 * them up: one far too large, one that breaks off.
 */
import { connect } from 'node:net';

export interface HugePostResult {
  /** The answer's status, or undefined if none came. */
  status?: number;
  /** How much of the body had been sent when the answer came. */
  sentBeforeAnswer?: number;
  sent: number;
}

/**
 * A POST of `size` bytes streamed in 64 kB chunks (never held in memory), sent to the end whatever
 * the server answers meanwhile, as `curl --data-binary @big-file` does. Only the server closing
 * the connection stops it.
 */
export function hugePost(url: string, size: number, { chunked = false } = {}): Promise<HugePostResult> {
  const { hostname, port, pathname } = new URL(url);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const frame = chunked
    ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
    : chunk;
  const result: HugePostResult = { sent: 0 };
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.on('data', (data: Buffer) => {
      answer += data.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
      if (status && result.status === undefined) {
        result.status = Number(status[1]);
        result.sentBeforeAnswer = result.sent;
      }
    });
    // Whatever ends the connection (the server closing it, or a reset) ends the attack.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(result));
    socket.write(
      [
        `POST ${pathname} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        'Content-Type: application/json',
        chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`,
        '',
        '',
      ].join('\r\n'),
    );
    const pump = () => {
      while (result.sent < size && !socket.destroyed) {
        result.sent += chunk.length;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
      if (!socket.destroyed) socket.end(chunked ? '0\r\n\r\n' : '');
    };
    socket.once('connect', pump);
  });
}

/** A POST that promises 1000 bytes, sends 10 and drops the connection. */
export function brokenOffPost(url: string): Promise<void> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      const head = `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
      socket.write(`${head}0123456789`, () => socket.destroy());
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}
