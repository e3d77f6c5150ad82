/**
 * AppSync's real-time WebSocket endpoint at /graphql/realtime. Auth comes with the handshake,
 * either as the `header` query parameter (base64 JSON, AppSync's documented form) or as a
 * `header-<base64url JSON>` subprotocol next to `graphql-ws` (what aws-appsync-subscription-link
 * sends); each `start` carries its own authorization too. Bad frames get an `error` message and
 * the connection stays up; a refused handshake gets `connection_error` and is closed.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AuthError } from '../auth/auth-error';
import type { Authenticator } from '../auth/authenticate';
import type { Caller } from '../auth/caller';
import type { GraphqlApi, RequestMeta } from '../graphql-api';
import { parseClientMessage, type ClientMessage, type ServerMessage } from './messages';
import { ConnectionSubscriptions, type Slot } from './connection-subscriptions';
import { SubscriptionHub, type Subscription } from './subscription-hub';

export interface RealtimeOptions {
  /** The HTTP path of the GraphQL endpoint; IAM signatures cover `<path>/connect` and `<path>`. */
  graphqlPath: string;
  /** How often `ka` is sent. AppSync sends one about every minute. */
  keepAliveMs: number;
  /** Told to clients in connection_ack: they drop the connection after this long without a ka. */
  connectionTimeoutMs: number;
  /** A connection that sends no connection_init within this time is closed. */
  initTimeoutMs: number;
}

export const REALTIME_DEFAULTS: Omit<RealtimeOptions, 'graphqlPath'> = {
  keepAliveMs: 60_000,
  connectionTimeoutMs: 300_000,
  initTimeoutMs: 10_000,
};

/** AppSync allows frames up to 240 kB. */
export const MAX_FRAME_BYTES = 240 * 1024;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

function decodeHeader(encoded: string): Record<string, string> | undefined {
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
  } catch {
    return undefined;
  }
}

function handshakeHeader(request: IncomingMessage): { header?: Record<string, string>; payload: string } {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const fromQuery = url.searchParams.get('header');
  const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const fromProtocol = protocols.find((p) => p.startsWith('header-'))?.slice('header-'.length);
  const encoded = fromQuery ?? fromProtocol;
  const payload = url.searchParams.get('payload');
  return {
    header: encoded ? decodeHeader(encoded) : undefined,
    payload: payload ? Buffer.from(payload, 'base64').toString('utf8') : '{}',
  };
}

export class RealtimeServer {
  readonly hub: SubscriptionHub;
  private readonly wss: WebSocketServer;

  constructor(
    private readonly api: GraphqlApi,
    private readonly authenticate: Authenticator,
    private readonly options: RealtimeOptions,
  ) {
    this.hub = new SubscriptionHub(api);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
    });
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.connection(ws, request));
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private connection(ws: WebSocket, request: IncomingMessage): void {
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const meta: RequestMeta = { headers: {}, sourceIp: request.socket.remoteAddress ?? '', domainName: null };
    const subscriptions = new ConnectionSubscriptions(this.hub);
    let keepAlive: NodeJS.Timeout | undefined;
    const initTimer = setTimeout(
      () => ws.close(1000, 'connection_init not received'),
      this.options.initTimeoutMs,
    );
    ws.on('close', () => {
      clearTimeout(initTimer);
      clearInterval(keepAlive);
      subscriptions.clear();
    });
    ws.on('error', () => ws.terminate());

    // Handshake auth, checked before anything is accepted from this client.
    const handshake = handshakeHeader(request);
    let connectionAuth: Promise<Caller | AuthError>;
    if (ws.protocol !== 'graphql-ws')
      connectionAuth = Promise.resolve(
        new AuthError(401, 'UnsupportedProtocol', 'The graphql-ws subprotocol is required.'),
      );
    else if (!handshake.header)
      connectionAuth = Promise.resolve(
        new AuthError(401, 'UnauthorizedException', 'The handshake carried no valid header.'),
      );
    else {
      connectionAuth = this.authenticate({
        headers: handshake.header,
        method: 'POST',
        path: `${this.options.graphqlPath}/connect`,
        body: handshake.payload,
      }).catch((error: unknown) => {
        if (error instanceof AuthError) return error;
        throw error;
      });
    }

    let initialised = false;
    ws.on('message', (data, isBinary) => {
      void (async () => {
        if (isBinary)
          return send({
            type: 'error',
            payload: {
              errors: [{ errorType: 'UnsupportedOperation', message: 'Binary frames are not supported.' }],
            },
          });
        const message = parseClientMessage(
          Buffer.isBuffer(data)
            ? data.toString('utf8')
            : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'),
        );
        if ('invalid' in message) {
          return send({
            type: 'error',
            ...(message.id ? { id: message.id } : {}),
            payload: { errors: [{ errorType: 'UnsupportedOperation', message: message.invalid }] },
          });
        }
        if (message.type === 'connection_init') {
          const auth = await connectionAuth;
          clearTimeout(initTimer);
          if (auth instanceof AuthError) {
            send({
              type: 'connection_error',
              payload: {
                errors: [{ errorType: auth.errorType, message: auth.message, errorCode: auth.status }],
              },
            });
            return ws.close(1000, 'Unauthorized');
          }
          if (initialised) return;
          initialised = true;
          send({
            type: 'connection_ack',
            payload: { connectionTimeoutMs: this.options.connectionTimeoutMs },
          });
          send({ type: 'ka' });
          keepAlive = setInterval(() => send({ type: 'ka' }), this.options.keepAliveMs);
          return;
        }
        if (!initialised) {
          return send({
            type: 'error',
            payload: {
              errors: [{ errorType: 'UnsupportedOperation', message: 'Send connection_init first.' }],
            },
          });
        }
        if (message.type === 'stop') {
          subscriptions.stop(message.id);
          return send({ type: 'complete', id: message.id });
        }
        const fail = (errorType: string, text: string) =>
          send({ type: 'error', id: message.id, payload: { errors: [{ errorType, message: text }] } });
        // The slot is taken before anything awaits, so a burst of starts cannot overshoot the cap.
        const reserved = subscriptions.reserve(message.id);
        if (!reserved.ok) return fail(reserved.errorType, reserved.message);
        try {
          await this.start(message, reserved.slot, meta, ws, send, fail);
        } finally {
          reserved.slot.release();
        }
      })().catch((error: unknown) => {
        console.error('realtime: unexpected error', error);
        send({
          type: 'error',
          payload: { errors: [{ errorType: 'InternalFailure', message: 'An internal error occurred.' }] },
        });
      });
    });
  }

  /** Checks a start that holds a slot (auth, query, subscription resolver) and begins it. */
  private async start(
    message: Extract<ClientMessage, { type: 'start' }>,
    slot: Slot,
    meta: RequestMeta,
    ws: WebSocket,
    send: (message: ServerMessage) => void,
    fail: (errorType: string, text: string) => void,
  ): Promise<void> {
    const authorization = message.payload.extensions?.authorization;
    if (!authorization || typeof authorization !== 'object')
      return fail('UnauthorizedException', 'start needs payload.extensions.authorization.');
    let caller: Caller;
    try {
      caller = await this.authenticate({
        headers: Object.fromEntries(
          Object.entries(authorization).map(([k, v]) => [k.toLowerCase(), String(v)]),
        ),
        method: 'POST',
        path: this.options.graphqlPath,
        body: message.payload.data,
      });
    } catch (error) {
      if (error instanceof AuthError) return fail(error.errorType, error.message);
      throw error;
    }
    let request: { query?: unknown; variables?: unknown };
    try {
      request = JSON.parse(message.payload.data) as typeof request;
    } catch {
      return fail('MalformedHttpRequestException', 'payload.data is not valid JSON.');
    }
    if (typeof request?.query !== 'string')
      return fail('MalformedHttpRequestException', 'payload.data needs a "query" string.');
    const variables = (
      request.variables && typeof request.variables === 'object' ? request.variables : {}
    ) as Record<string, unknown>;
    const prepared = this.api.prepare(request.query);
    if (!prepared.ok)
      return send({ type: 'error', id: message.id, payload: { errors: prepared.response.errors ?? [] } });
    const outcome = await this.api.subscribe(prepared, variables, caller, meta);
    if (!outcome.ok) return send({ type: 'error', id: message.id, payload: { errors: outcome.errors } });
    const subscription: Subscription = {
      id: message.id,
      fieldName: outcome.fieldName,
      args: outcome.args,
      filter: outcome.filter,
      prepared,
      query: request.query,
      variables,
      caller,
      meta,
      send: (payloadJson) => {
        if (ws.readyState !== ws.OPEN) return;
        // A subscriber that cannot keep up is cut off rather than buffered without bound.
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
        ws.send(`{"type":"data","id":${JSON.stringify(message.id)},"payload":${payloadJson}}`);
      },
    };
    // Not when it was stopped meanwhile or its connection closed: then nothing begins.
    if (ws.readyState === ws.OPEN && slot.fill(subscription)) send({ type: 'start_ack', id: message.id });
  }
}
