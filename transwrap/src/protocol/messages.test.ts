/** What PROTOCOL.md accepts as a message in each direction, and what closes the connection with 4000. */
import { parseClientMessage, parseServerMessage, stringifyMessage, type ServerMessage } from './messages';

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
    'hello without an access token',
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

describe('server messages, as the client reads them', () => {
  const ready = {
    type: 'ready',
    sessionId: 's',
    resumeToken: 'r',
    resumed: false,
    channelId: 'c',
    mode: 'copy',
    limits: { maxMessageBytes: 1048576, idleTimeoutMs: 10000, statsIntervalMs: 1000, resumeGraceMs: 15000 },
  };
  const stats = {
    type: 'stats',
    receivedKbps: 2890,
    relayFps: 30,
    queuedBytes: 0,
    rtmp: 'live',
    restarts: 0,
    uptimeMs: 41000,
    onAir: 'seller',
  };

  test.each([
    ['ready', ready],
    ['stats', stats],
    ['bitrate', { type: 'bitrate', maxKbps: 1500, reason: 'relay-lag' }],
    ['drain', { type: 'drain', deadlineMs: 30000 }],
  ])('%s is accepted, and reads back as it was written', (_name, message) => {
    expect(parseServerMessage(stringifyMessage(message as ServerMessage))).toEqual(message);
  });

  test('fields a newer server adds are ignored', () => {
    expect(parseServerMessage(JSON.stringify({ ...stats, viewers: 3 }))).toMatchObject(stats);
  });

  test('stats from a server before the slate (no onAir) are still stats', () => {
    const { onAir: _onAir, ...older } = stats;
    expect(parseServerMessage(JSON.stringify(older))).toEqual(older);
  });

  test.each([
    ['not JSON', 'ready', 'not JSON'],
    ['a string', '"ready"', 'not a JSON object'],
    ['an unknown type', JSON.stringify({ type: 'welcome' }), 'unknown message type "welcome"'],
    ['no type', JSON.stringify({ sessionId: 's' }), 'unknown message type undefined'],
    ['a type from the client', JSON.stringify({ type: 'hello' }), 'unknown message type "hello"'],
    ['ready without limits', JSON.stringify({ ...ready, limits: undefined }), 'ready has no valid limits'],
    [
      'ready with a limit that is not a number',
      JSON.stringify({ ...ready, limits: { ...ready.limits, resumeGraceMs: '15s' } }),
      'ready has no valid limits',
    ],
    [
      'ready with an unknown mode and no session',
      JSON.stringify({ ...ready, mode: 'remux', sessionId: '' }),
      'ready has no valid sessionId, mode',
    ],
    ['stats with an unknown rtmp state', JSON.stringify({ ...stats, rtmp: 'up' }), 'stats has no valid rtmp'],
    [
      'stats with viewers seeing something unknown',
      JSON.stringify({ ...stats, onAir: 'ad' }),
      'stats has no valid onAir',
    ],
    [
      'bitrate below zero',
      JSON.stringify({ type: 'bitrate', maxKbps: -1, reason: 'relay-lag' }),
      'bitrate has no valid maxKbps',
    ],
    ['drain without a deadline', JSON.stringify({ type: 'drain' }), 'drain has no valid deadlineMs'],
  ])('%s is refused with a reason', (_name, text, reason) => {
    expect(parseServerMessage(text)).toEqual({ invalid: reason });
  });
});
