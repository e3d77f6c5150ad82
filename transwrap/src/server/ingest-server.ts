/**
 * The HTTP and WebSocket front: `/ingest` for broadcasters (origin allow-list, per-address and
 * capacity limits), `/health` and `/metrics` for the operator. Sessions are counted here so
 * heartbeats and metrics report real load.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ControlPlane } from '../api/control-plane';
import type { TranswrapConfig } from '../config';
import type { WebSocket } from 'ws';
import { CloseCode, SUBPROTOCOL, type OpeningMessage } from '../protocol/messages';
import { IngestSession, SessionEvent, type Sellers, type SessionSettings } from '../session/ingest-session';
import { awaitOpening } from '../session/opening';
import { clientAddress } from './client-address';
import { closeSocket } from './close-socket';
import type { Logger } from './logger';

export type IngestServerOptions = Pick<
  TranswrapConfig,
  | 'host'
  | 'port'
  | 'allowedOrigins'
  | 'capacity'
  | 'maxConnectionsPerAddress'
  | 'trustedProxyHops'
  | 'helloTimeoutMs'
> & { session: SessionSettings };

export enum IngestServerEvent {
  /** A broadcast started or ended here: the number of sessions now. */
  SessionsChanged = 'sessionsChanged',
}

interface IngestServerEvents {
  [IngestServerEvent.SessionsChanged]: [count: number];
}

export class IngestServer extends EventEmitter<IngestServerEvents> {
  /** Broadcasts on this instance, with or without a connected broadcaster (held for resume). */
  readonly sessions = new Map<string, IngestSession>();
  /** Connections that have not sent hello or resume yet. */
  private opening = 0;
  private readonly perAddress = new Map<string, number>();
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  draining = false;
  readonly counters = { accepted: 0, refused: 0, closedByCode: new Map<number, number>() };

  constructor(
    private readonly options: IngestServerOptions,
    private readonly api: ControlPlane,
    private readonly sellers: Sellers,
    private readonly log: Logger,
  ) {
    super();
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.session.maxMessageBytes,
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    // A client dribbling its HTTP upgrade (slowloris) gets no longer than one dribbling its hello.
    const slowRequest = {
      headersTimeout: options.helloTimeoutMs,
      requestTimeout: options.helloTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, options.helloTimeoutMs),
    };
    this.http = createServer(slowRequest, (request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/health') {
        response.writeHead(this.draining ? 503 : 200, { 'content-type': 'application/json' });
        return response.end(
          JSON.stringify({
            status: this.draining ? 'draining' : 'ok',
            sessions: this.sessions.size,
            capacity: options.capacity,
          }),
        );
      }
      if (path === '/metrics') {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        return response.end(this.metrics());
      }
      response.writeHead(404).end();
    });
    this.http.on('upgrade', (request, socket, head) => {
      socket.on('error', () => socket.destroy());
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== '/ingest') return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      if (!this.originAllowed(request)) {
        this.counters.refused++;
        return socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.connected(ws, request));
    });
  }

  private connected(ws: WebSocket, request: IncomingMessage): void {
    // ws reports protocol errors (an oversize frame: 1009) after sending the close frame itself.
    ws.on('error', () => ws.terminate());
    if (ws.protocol !== SUBPROTOCOL)
      return closeSocket(ws, CloseCode.BadMessage, `subprotocol ${SUBPROTOCOL} required`);
    // Connections that have not said hello are bounded too: they cost memory and a timer each.
    if (this.draining || this.opening >= this.options.capacity)
      return this.refuse(ws, CloseCode.AtCapacity, 'at capacity');
    // Behind a load balancer every socket comes from it: the client is in X-Forwarded-For.
    const address = clientAddress(
      request.socket.remoteAddress ?? '?',
      request.headers['x-forwarded-for'],
      this.options.trustedProxyHops,
    );
    const count = (this.perAddress.get(address) ?? 0) + 1;
    if (count > this.options.maxConnectionsPerAddress)
      return this.refuse(ws, CloseCode.TooManyFromAddress, 'too many connections from this address');
    this.perAddress.set(address, count);
    this.counters.accepted++;
    this.opening++;
    let opened = false;
    ws.once('close', (code) => {
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
      // Sessions count their own close; a connection that never opened one is counted here.
      if (opened) return;
      this.opening--;
      this.countClose(code);
    });
    awaitOpening(ws, this.options.helloTimeoutMs, (message) => {
      opened = true;
      this.opening--;
      this.opened(ws, message);
    });
  }

  private opened(ws: WebSocket, message: OpeningMessage): void {
    if (message.type === 'resume') {
      const session = this.sessions.get(message.sessionId);
      if (this.draining) return this.refuse(ws, CloseCode.AtCapacity, 'server shutting down');
      if (!session?.resume(ws, message.resumeToken))
        return this.refuse(ws, CloseCode.ResumeRefused, 'no session to resume');
      return;
    }
    if (this.draining || this.sessions.size >= this.options.capacity)
      return this.refuse(ws, CloseCode.AtCapacity, 'at capacity');
    const session = new IngestSession(this.api, this.sellers, this.options.session, this.log);
    this.sessions.set(session.id, session);
    this.emit(IngestServerEvent.SessionsChanged, this.sessions.size);
    session.once(SessionEvent.Closed, (code) => {
      this.sessions.delete(session.id);
      this.countClose(code);
      this.emit(IngestServerEvent.SessionsChanged, this.sessions.size);
    });
    void session.start(ws, message);
  }

  private refuse(ws: WebSocket, code: number, reason: string): void {
    this.counters.refused++;
    this.countClose(code);
    closeSocket(ws, code, reason);
  }

  private countClose(code: number): void {
    this.counters.closedByCode.set(code, (this.counters.closedByCode.get(code) ?? 0) + 1);
  }

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return (
      !origin || this.options.allowedOrigins.length === 0 || this.options.allowedOrigins.includes(origin)
    );
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, resolve);
    });
    return (this.http.address() as AddressInfo).port;
  }

  get load(): number {
    return Math.min(1, this.sessions.size / this.options.capacity);
  }

  /** Tells every broadcaster to move, then closes what is left at the deadline. */
  async drain(deadlineMs: number): Promise<void> {
    this.draining = true;
    for (const session of this.sessions.values()) session.announceDrain(deadlineMs);
    const deadline = Date.now() + deadlineMs;
    while (this.sessions.size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    for (const session of this.sessions.values()) session.close(CloseCode.GoingAway, 'server shutting down');
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) session.close(CloseCode.GoingAway, 'server shutting down');
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(resolve));
  }

  private metrics(): string {
    const lines = [
      '# HELP transwrap_sessions Broadcasts being relayed now.',
      '# TYPE transwrap_sessions gauge',
      `transwrap_sessions ${this.sessions.size}`,
      '# HELP transwrap_capacity Broadcasts this instance accepts.',
      '# TYPE transwrap_capacity gauge',
      `transwrap_capacity ${this.options.capacity}`,
      '# HELP transwrap_connections_total Ingest connections accepted or refused.',
      '# TYPE transwrap_connections_total counter',
      `transwrap_connections_total{result="accepted"} ${this.counters.accepted}`,
      `transwrap_connections_total{result="refused"} ${this.counters.refused}`,
      '# HELP transwrap_closes_total Sessions closed, by close code.',
      '# TYPE transwrap_closes_total counter',
      ...[...this.counters.closedByCode].map(
        ([code, count]) => `transwrap_closes_total{code="${code}"} ${count}`,
      ),
      '# HELP transwrap_received_bytes Media bytes received by live sessions.',
      '# TYPE transwrap_received_bytes gauge',
      `transwrap_received_bytes ${[...this.sessions.values()].reduce((sum, session) => sum + session.bytesReceived, 0)}`,
      '# HELP transwrap_draining 1 while shutting down.',
      '# TYPE transwrap_draining gauge',
      `transwrap_draining ${this.draining ? 1 : 0}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
