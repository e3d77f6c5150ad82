/**
 * Closing a connection from the server's side. The close frame carries the documented code; a
 * client that never answers it (a slowloris, a dead phone) is cut at the TCP level shortly after,
 * instead of holding a socket for ws's 30 s close timeout.
 */
import type { WebSocket } from 'ws';

export const CLOSE_HANDSHAKE_GRACE_MS = 2000;

export function closeSocket(socket: WebSocket, code: number, reason: string): void {
  if (socket.readyState !== socket.OPEN && socket.readyState !== socket.CONNECTING) return;
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), CLOSE_HANDSHAKE_GRACE_MS).unref();
}
