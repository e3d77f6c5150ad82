/** What PROTOCOL.md accepts as a client message, and what closes the connection with 4000. */
import { parseClientMessage } from './messages';

const media = { container: 'webm', video: 'h264', audio: 'opus' };

test.each([
  ['hello', { type: 'hello', ticket: 't', accessToken: 'a', media }],
  [
    'hello from Safari',
    {
      type: 'hello',
      ticket: 't',
      accessToken: 'a',
      media: { container: 'mp4', video: 'h264', audio: 'aac' },
    },
  ],
  ['resume', { type: 'resume', sessionId: 's', resumeToken: 'r' }],
  ['stop', { type: 'stop' }],
])('%s is accepted', (_name, message) => {
  expect(parseClientMessage(JSON.stringify(message))).toEqual(message);
});

test.each([
  ['not JSON', '{type: hello}', 'not JSON'],
  ['an array', '[]', 'not a JSON object'],
  ['null', 'null', 'not a JSON object'],
  ['an unknown type', JSON.stringify({ type: 'play' }), 'unknown message type "play"'],
  ['hello without a ticket', JSON.stringify({ type: 'hello', media }), 'hello needs a ticket'],
  [
    'hello with a huge ticket',
    JSON.stringify({ type: 'hello', ticket: 'x'.repeat(201), accessToken: 'a', media }),
    'hello needs a ticket',
  ],
  [
    'hello without a token',
    JSON.stringify({ type: 'hello', ticket: 't', media }),
    "hello needs the seller's accessToken",
  ],
  [
    'hello without media',
    JSON.stringify({ type: 'hello', ticket: 't', accessToken: 'a' }),
    'hello needs media',
  ],
  [
    'an unknown container',
    JSON.stringify({ type: 'hello', ticket: 't', accessToken: 'a', media: { ...media, container: 'avi' } }),
    'media.container must be webm or mp4',
  ],
  [
    'an unknown video codec',
    JSON.stringify({ type: 'hello', ticket: 't', accessToken: 'a', media: { ...media, video: 'av1' } }),
    'media.video must be h264, vp8 or vp9',
  ],
  [
    'an unknown audio codec',
    JSON.stringify({ type: 'hello', ticket: 't', accessToken: 'a', media: { ...media, audio: 'mp3' } }),
    'media.audio must be opus, aac or none',
  ],
  [
    'resume without a token',
    JSON.stringify({ type: 'resume', sessionId: 's' }),
    'resume needs a sessionId and a resumeToken',
  ],
  [
    'resume with a number for a session',
    JSON.stringify({ type: 'resume', sessionId: 1, resumeToken: 'r' }),
    'resume needs a sessionId and a resumeToken',
  ],
])('%s is refused with a reason', (_name, text, reason) => {
  expect(parseClientMessage(text)).toEqual({ invalid: reason });
});
