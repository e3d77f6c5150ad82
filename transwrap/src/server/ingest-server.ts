/**
 * The HTTP and WebSocket front: `/ingest` for broadcasters (origin allow-list, admission: the
 * budget of connections waiting to prove a seller, per-address limits, capacity), `/health` and
 * `/metrics` for the operator. Sessions are counted here so heartbeats and metrics report real load.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ControlPlane } from '../api/control-plane';
import type { TranswrapConfig } from '../config';
import type { WebSocket } from 'ws';
import { CloseCode, SUBPROTOCOL, type OpeningMessage } from '../protocol/messages';
import { IngestSession, SessionEvent } from '../session/ingest-session';
import type { Sellers, SessionSettings } from '../session/session-settings';
import type { ResilientRelay } from '../relay/resilient-relay';
import { awaitOpening } from '../session/opening';
import { Admission, type PendingSlot, type ShedReason } from './admission';
import { addressGroup, clientAddress } from './client-address';
import { closeSocket } from '../session/close-socket';
import type { Logger } from '../logger';

export type IngestServerOptions = Pick<
  TranswrapConfig,
  | 'host'
  | 'port'
  | 'allowedOrigins'
  | 'capacity'
  | 'maxPending'
  | 'maxPendingPerAddress'
  | 'maxSessionsPerAddress'
  | 'maxRefusedHellosPerAddress'
  | 'refusedHelloWindowMs'
  | 'trustedProxyHops'
  | 'helloTimeoutMs'
> & { session: SessionSettings };

/**
 * How a connection shed from the waiting budget is closed (PROTOCOL.md): its hello did not get
 * through in the time it was left. Neither code makes a client give up a held session (a shed
 * `resume` is tried again): 4013 would send it for a new ticket.
 */
const SHED: Record<ShedReason, [code: number, reason: string]> = {
  'pending-full': [CloseCode.HelloTimeout, 'shed: too many connections waiting for hello'],
  'address-pending-full': [
    CloseCode.TooManyFromAddress,
    'shed: too many connections waiting for hello from this address',
  ],
};

/** Closes that mean a hello was refused (a bad sign-in token, or a bad or someone else's ticket). */
const REFUSED_HELLO = new Set<number>([CloseCode.NotTheTicketsSeller, CloseCode.TicketRefused]);

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
  private readonly admission: Admission;
  private readonly sweeper: NodeJS.Timeout;
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
    this.admission = new Admission(options);
    this.sweeper = setInterval(() => this.admission.sweep(), options.refusedHelloWindowMs).unref();
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
    if (this.draining) return this.refuse(ws, CloseCode.AtCapacity, 'server shutting down');
    // Behind a load balancer every socket comes from it: the client is in X-Forwarded-For.
    const group = addressGroup(
      clientAddress(
        request.socket.remoteAddress ?? '?',
        request.headers['x-forwarded-for'],
        this.options.trustedProxyHops,
      ),
    );
    this.counters.accepted++;
    // Until it proves a seller, the connection only waits (and may be shed for a newer one).
    let session: IngestSession | undefined;
    let handedOver = false;
    const slot = this.admission.enterPending(group, (reason) => {
      const [code, text] = SHED[reason];
      if (session) session.close(code, text);
      else closeSocket(ws, code, text);
    });
    ws.once('close', (code) => {
      slot.leave();
      // Sessions count their own close, refusals theirs; one that never got that far is counted here.
      if (!handedOver) this.countClose(code);
    });
    awaitOpening(ws, this.options.helloTimeoutMs, (message) => {
      handedOver = true;
      if (message.type === 'resume') {
        slot.leave(); // a resume token proves the seller
        return this.resumed(ws, message);
      }
      if (this.admission.tooManyRefusedHellos(group)) {
        slot.leave();
        return this.refuse(ws, CloseCode.TooManyFromAddress, 'too many refused hellos from this address');
      }
      if (this.draining || this.sessions.size >= this.options.capacity) {
        slot.leave();
        return this.refuse(ws, CloseCode.AtCapacity, 'at capacity');
      }
      session = this.newSession(ws, message, group, slot);
    });
  }

  private resumed(ws: WebSocket, message: Extract<OpeningMessage, { type: 'resume' }>): void {
    const session = this.sessions.get(message.sessionId);
    if (this.draining) return this.refuse(ws, CloseCode.AtCapacity, 'server shutting down');
    if (!session?.resume(ws, message.resumeToken))
      this.refuse(ws, CloseCode.ResumeRefused, 'no session to resume');
  }

  /** A hello: the session checks the seller, and takes a session slot only once that is proven. */
  private newSession(
    ws: WebSocket,
    hello: Extract<OpeningMessage, { type: 'hello' }>,
    group: string,
    slot: PendingSlot,
  ): IngestSession {
    const session = new IngestSession(this.api, this.sellers, this.options.session, this.log);
    let admitted = false;
    session.once(SessionEvent.Closed, (code) => {
      slot.leave();
      if (REFUSED_HELLO.has(code)) this.admission.helloRefused(group);
      if (admitted) {
        this.sessions.delete(session.id);
        this.admission.releaseSession(group);
        this.emit(IngestServerEvent.SessionsChanged, this.sessions.size);
      }
      this.countClose(code);
    });
    void session.start(
      ws,
      hello,
      () => {
        slot.leave();
        if (this.draining || this.sessions.size >= this.options.capacity)
          return [CloseCode.AtCapacity, 'at capacity'];
        if (!this.admission.takeSession(group))
          return [CloseCode.TooManyFromAddress, 'too many broadcasts from this address'];
        admitted = true;
        this.sessions.set(session.id, session);
        this.emit(IngestServerEvent.SessionsChanged, this.sessions.size);
        return undefined;
      },
      (channelId) => this.heldRelayOf(channelId, session),
      (seller) =>
        [...this.sessions.values()].some((other) => other.state === 'claiming' && other.seller === seller),
    );
    return session;
  }

  /** The relay of a broadcast of this channel held here for a resume, handed to `taker`. */
  private heldRelayOf(channelId: string, taker: IngestSession): ResilientRelay | undefined {
    for (const session of this.sessions.values()) {
      if (session === taker || session.channel !== channelId) continue;
      const relay = session.handOver();
      if (relay) return relay;
    }
    return undefined;
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
    clearInterval(this.sweeper);
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
      '# HELP transwrap_pending_connections Connections waiting to prove a seller (hello not yet checked).',
      '# TYPE transwrap_pending_connections gauge',
      `transwrap_pending_connections ${this.admission.pendingCount}`,
      '# HELP transwrap_shed_total Waiting connections shed to make room for newer ones.',
      '# TYPE transwrap_shed_total counter',
      `transwrap_shed_total ${this.admission.counters.shed}`,
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
