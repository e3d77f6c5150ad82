/**
 * The ingest protocol in code: PROTOCOL.md, message by message. Both the server and the clients
 * (the PWA, tests, benchmarks, the deployment check) read every message through these validators
 * and write it through `stringifyMessage`, so neither side trusts the other's JSON blindly.
 */

export const SUBPROTOCOL = 'golive-ingest.v1';

export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  TooBig: 1009,
  BadMessage: 4000,
  HelloTimeout: 4001,
  MediaBeforeReady: 4002,
  NotTheTicketsSeller: 4003,
  TicketRefused: 4004,
  UnsupportedMedia: 4005,
  ResumeRefused: 4006,
  Idle: 4008,
  TooSlow: 4009,
  BadMedia: 4010,
  RelayFailed: 4011,
  BroadcastStopped: 4012,
  AtCapacity: 4013,
  TooManyFromAddress: 4029,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export type Container = 'webm' | 'mp4';
export type VideoCodec = 'h264' | 'vp8' | 'vp9';
export type AudioCodec = 'opus' | 'aac' | 'none';

export interface MediaDeclaration {
  container: Container;
  video: VideoCodec;
  audio: AudioCodec;
}

export interface Limits {
  maxMessageBytes: number;
  idleTimeoutMs: number;
  statsIntervalMs: number;
  resumeGraceMs: number;
}

export type ClientMessage =
  | { type: 'hello'; ticket: string; accessToken: string; media: MediaDeclaration }
  | { type: 'resume'; sessionId: string; resumeToken: string }
  | { type: 'stop' };

export const CLIENT_MESSAGE_TYPES = ['hello', 'resume', 'stop'] as const satisfies ClientMessage['type'][];

/** The messages that may open a connection. */
export type OpeningMessage = Extract<ClientMessage, { type: 'hello' | 'resume' }>;

export type RtmpState = 'connecting' | 'live' | 'reconnecting';
export type OnAir = 'seller' | 'slate';

export type ServerMessage =
  | {
      type: 'ready';
      sessionId: string;
      /** Single use: each ready (after hello or resume) carries a new one. */
      resumeToken: string;
      resumed: boolean;
      channelId: string;
      mode: 'copy' | 'transcode';
      limits: Limits;
    }
  | {
      type: 'stats';
      receivedKbps: number;
      relayFps: number;
      queuedBytes: number;
      rtmp: RtmpState;
      restarts: number;
      uptimeMs: number;
      /** What viewers see: the client's media, or the server's slate (its media is not arriving). Absent from older servers. */
      onAir?: OnAir;
    }
  | { type: 'bitrate'; maxKbps: number; reason: 'relay-lag' }
  | { type: 'drain'; deadlineMs: number };

const CONTAINERS: readonly string[] = ['webm', 'mp4'];
const VIDEO: readonly string[] = ['h264', 'vp8', 'vp9'];
const AUDIO: readonly string[] = ['opus', 'aac', 'none'];
const MAX_TICKET_LENGTH = 200;
const MAX_ID_LENGTH = 100;
const MAX_TOKEN_LENGTH = 8192;

/** Every message is a JSON object with a `type`: the text as one, or why it is not. */
function jsonObject(text: string): { fields: Record<string, unknown> } | { invalid: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { invalid: 'not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { invalid: 'not a JSON object' };
  return { fields: value as Record<string, unknown> };
}

function shortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** A client message, or why the text is not one (the connection then closes with 4000). */
export function parseClientMessage(text: string): ClientMessage | { invalid: string } {
  const object = jsonObject(text);
  if ('invalid' in object) return object;
  const message = object.fields;
  if (message.type === 'stop') return { type: 'stop' };
  if (message.type === 'resume') {
    const { sessionId, resumeToken } = message;
    if (!shortString(sessionId, MAX_ID_LENGTH) || !shortString(resumeToken, MAX_ID_LENGTH))
      return { invalid: 'resume needs a sessionId and a resumeToken' };
    return { type: 'resume', sessionId, resumeToken };
  }
  if (message.type !== 'hello') return { invalid: `unknown message type ${JSON.stringify(message.type)}` };
  const { ticket, accessToken, media } = message;
  if (!shortString(ticket, MAX_TICKET_LENGTH)) return { invalid: 'hello needs a ticket' };
  if (!shortString(accessToken, MAX_TOKEN_LENGTH)) return { invalid: "hello needs the seller's accessToken" };
  if (media === null || typeof media !== 'object') return { invalid: 'hello needs media' };
  const { container, video, audio } = media as Record<string, unknown>;
  if (typeof container !== 'string' || !CONTAINERS.includes(container))
    return { invalid: 'media.container must be webm or mp4' };
  if (typeof video !== 'string' || !VIDEO.includes(video))
    return { invalid: 'media.video must be h264, vp8 or vp9' };
  if (typeof audio !== 'string' || !AUDIO.includes(audio))
    return { invalid: 'media.audio must be opus, aac or none' };
  return { type: 'hello', ticket, accessToken, media: { container, video, audio } as MediaDeclaration };
}

/** A message as it goes on the wire: one text frame of JSON. */
export function stringifyMessage(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}

const RTMP_STATES: readonly string[] = ['connecting', 'live', 'reconnecting'];
const MODES: readonly string[] = ['copy', 'transcode'];

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function fieldsMissing(
  message: Record<string, unknown>,
  checks: Record<string, (value: unknown) => boolean>,
) {
  return Object.keys(checks).filter((name) => !checks[name]!(message[name]));
}

const SERVER_FIELDS: Record<ServerMessage['type'], Record<string, (value: unknown) => boolean>> = {
  ready: {
    sessionId: (value) => shortString(value, MAX_ID_LENGTH),
    resumeToken: (value) => shortString(value, MAX_ID_LENGTH),
    resumed: (value) => typeof value === 'boolean',
    channelId: (value) => shortString(value, MAX_ID_LENGTH),
    mode: (value) => typeof value === 'string' && MODES.includes(value),
    limits: (value) =>
      value !== null &&
      typeof value === 'object' &&
      fieldsMissing(value as Record<string, unknown>, {
        maxMessageBytes: isCount,
        idleTimeoutMs: isCount,
        statsIntervalMs: isCount,
        resumeGraceMs: isCount,
      }).length === 0,
  },
  stats: {
    receivedKbps: isCount,
    relayFps: isCount,
    queuedBytes: isCount,
    rtmp: (value) => typeof value === 'string' && RTMP_STATES.includes(value),
    restarts: isCount,
    uptimeMs: isCount,
    onAir: (value) => value === undefined || value === 'seller' || value === 'slate',
  },
  bitrate: { maxKbps: isCount, reason: (value) => value === 'relay-lag' },
  drain: { deadlineMs: isCount },
};

export const SERVER_MESSAGE_TYPES = Object.keys(SERVER_FIELDS) as ServerMessage['type'][];

/**
 * A server message, or why the text is not one (the PWA's client then closes with 4000 and ends
 * the broadcast: a server it cannot understand is not one it can broadcast through). Fields this
 * version does not know are ignored, so a server may add some.
 */
export function parseServerMessage(text: string): ServerMessage | { invalid: string } {
  const object = jsonObject(text);
  if ('invalid' in object) return object;
  const message = object.fields;
  const type = message.type;
  if (typeof type !== 'string' || !Object.hasOwn(SERVER_FIELDS, type))
    return { invalid: `unknown message type ${JSON.stringify(type)}` };
  const missing = fieldsMissing(message, SERVER_FIELDS[type as ServerMessage['type']]);
  if (missing.length > 0) return { invalid: `${type} has no valid ${missing.join(', ')}` };
  return message as ServerMessage;
}
