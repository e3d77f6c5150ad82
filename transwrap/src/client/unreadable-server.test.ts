/**
 * A server the client cannot understand (another protocol version, a bug) ends the broadcast with
 * 4000 and says what was wrong, both to the seller's page and to the server, instead of acting on
 * a message it misread. Real transwrap never sends one, so a WebSocket server on loopback plays a
 * broken one.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '../protocol/messages';
import {
  BroadcastConnection,
  BroadcastEvent,
  type BroadcastEnd,
  type SocketLike,
} from './broadcast-connection';

let server: WebSocketServer;
beforeEach(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
});
afterEach(() => new Promise((resolve) => server.close(resolve)));

test.each([
  [
    'a ready without limits',
    { type: 'ready', sessionId: 's', resumeToken: 'r', resumed: false, channelId: 'c', mode: 'copy' },
    'ready has no valid limits',
  ],
  ['a message type it does not know', { type: 'welcome' }, 'unknown message type "welcome"'],
])('%s: the broadcast ends with 4000 and the reason', async (_case, answer, invalid) => {
  const serverSaw = new Promise<{ code: number; reason: string }>((resolve) =>
    server.once('connection', (socket) => {
      socket.once('message', () => socket.send(JSON.stringify(answer)));
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    }),
  );
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`;
  const connection = new BroadcastConnection({
    ticket: () => Promise.resolve({ url, ticket: 'ticket' }),
    accessToken: () => Promise.resolve('token'),
    media: { container: 'webm', video: 'h264', audio: 'opus' },
    openSocket: (socketUrl, protocol) => new WebSocket(socketUrl, protocol) as unknown as SocketLike,
  });
  const ended = new Promise<BroadcastEnd>((resolve) => connection.once(BroadcastEvent.Ended, resolve));
  connection.start();

  expect(await ended).toEqual({
    code: CloseCode.BadMessage,
    reason: `the server sent a message this client cannot read: ${invalid}`,
  });
  expect(connection.state).toBe('ended');
  expect(await serverSaw).toEqual({
    code: CloseCode.BadMessage,
    reason: `the server sent a message this client cannot read: ${invalid}`,
  });
});
