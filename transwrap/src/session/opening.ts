/**
 * A connection's first message: `hello` (a new broadcast) or `resume` (back to a held one), within
 * the hello deadline. Anything else closes the socket with its documented code.
 */
import type { WebSocket } from 'ws';
import { CloseCode, parseClientMessage, type OpeningMessage } from '../protocol/messages';
import { closeSocket } from './close-socket';

/**
 * Calls `opened` synchronously from the socket's message event, so whoever takes the socket over
 * can attach its own listeners before the next frame is emitted.
 */
export function awaitOpening(
  socket: WebSocket,
  timeoutMs: number,
  opened: (message: OpeningMessage) => void,
): void {
  const finish = (close?: [code: number, reason: string]) => {
    clearTimeout(timer);
    socket.off('message', onMessage);
    if (close) closeSocket(socket, ...close);
  };
  const timer = setTimeout(() => finish([CloseCode.HelloTimeout, 'no hello in time']), timeoutMs);
  const onMessage = (data: Buffer, isBinary: boolean) => {
    if (isBinary) return finish([CloseCode.MediaBeforeReady, 'media before ready']);
    const message = parseClientMessage(data.toString('utf8'));
    if ('invalid' in message) return finish([CloseCode.BadMessage, message.invalid]);
    if (message.type === 'stop') return finish([CloseCode.Normal, 'stopped']);
    finish();
    opened(message);
  };
  socket.on('message', onMessage);
  socket.once('close', () => finish());
}
