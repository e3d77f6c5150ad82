/**
 * Request bodies for the local services, read as AWS's front doors read them: up to a limit,
 * refused by their Content-Length before anything is read, or as soon as the stream passes the
 * limit; never buffered beyond it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody, { type RawBodyError } from 'raw-body';

/** How long a refused upload is still read (and dropped) before its connection is closed. */
const LINGER_MS = 2_000;

/** A body that was not read: 413 when it is over the limit, 400 when it broke off. */
export class RefusedBody extends Error {
  override name = 'RefusedBody';
  constructor(readonly status: 400 | 413) {
    super(status === 413 ? 'Request Entity Too Large' : 'The request body could not be read.');
  }
}

export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(request, { length: request.headers['content-length'], limit });
  } catch (error) {
    throw new RefusedBody((error as RawBodyError).status === 413 ? 413 : 400);
  }
}

/**
 * Ends the connection of a request whose body was refused, once the answer is out. Closing at once
 * would reset it under a client still sending, which then may never read the answer; so, as web
 * servers do ("lingering close"), the connection is half-closed and what still arrives is dropped
 * for a moment before it is closed for good.
 */
export function closeAfterAnswer(request: IncomingMessage, response: ServerResponse): void {
  response.once('finish', () => {
    const { socket } = request;
    request.resume();
    socket.end();
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  });
}
