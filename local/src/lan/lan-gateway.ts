/**
 * LAN mode's front door: one HTTPS origin on the machine's network address that carries everything
 * a phone uses (see lan-routes.ts), and a plain-HTTP port beside it for the trust page. The
 * services themselves stay on loopback. Forwarding is http-proxy-3's; it adds X-Forwarded-For, so
 * transwrap (one trusted proxy hop) still limits each phone by its own address.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { listenHttp, type RunningService } from '../process/run-service';
import { httpRoute, upgradeRoute, type LanUpstreams, type Route } from './lan-routes';
import { serveTrustPage, type TrustPageFacts } from './trust-page';

export interface LanGatewayOptions {
  /** The network address to listen on. */
  address: string;
  httpsPort: number;
  /** The trust page's plain-HTTP port. */
  httpPort: number;
  tls: { key: string; cert: string };
  upstreams: LanUpstreams;
  trust: TrustPageFacts;
}

export interface RunningLanGateway {
  stop(): Promise<void>;
}

const notFound = (response: ServerResponse) =>
  response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');

export async function startLanGateway(options: LanGatewayOptions): Promise<RunningLanGateway> {
  const proxy = createProxyServer({ xfwd: true, proxyTimeout: 120_000 });
  // A service that is down or restarting: the phone gets a 502 that says so, the stack runs on.
  proxy.on('error', (error, request, target) => {
    if ('writeHead' in target && !target.headersSent)
      target
        .writeHead(502, { 'content-type': 'text/plain', connection: 'close' })
        .end(`Bad gateway: ${request.url?.split('?')[0]} is not answering (${error.message})`);
    else target.destroy();
  });

  const forward = (route: Route | undefined, request: IncomingMessage, response: ServerResponse) => {
    if (!route) return notFound(response);
    request.url = route.url;
    void proxy.web(request, response, { target: route.target });
  };

  const https = createHttpsServer(options.tls, (request, response) =>
    forward(httpRoute(options.upstreams, request.method ?? 'GET', request.url ?? '/'), request, response),
  );
  https.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const route = upgradeRoute(options.upstreams, request.url ?? '/');
    if (!route) return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    request.url = route.url;
    void proxy.ws(request, socket, head, { target: route.target });
  });

  // Plain HTTP: the trust page, and the app's files, so an app opened over http:// can say to use
  // https:// (it cannot work there: no camera, no crypto.subtle). Nothing else is served.
  const http = createHttpServer((request, response) => {
    if (serveTrustPage(options.trust, request, response)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return response
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' })
        .end('Method not allowed');
    const route = httpRoute(options.upstreams, request.method, request.url ?? '/');
    forward(route?.target === options.upstreams.app ? route : undefined, request, response);
  });

  const secure = await listenHttp(https, { host: options.address, port: options.httpsPort });
  let plain: RunningService<unknown>;
  try {
    plain = await listenHttp(http, { host: options.address, port: options.httpPort });
  } catch (error) {
    await secure.stop();
    throw error;
  }
  return {
    stop: async () => {
      // Phones keep connections open; the stack's stop must not wait for them.
      https.closeAllConnections();
      http.closeAllConnections();
      await Promise.all([secure.stop(), plain.stop()]);
      proxy.close();
    },
  };
}
