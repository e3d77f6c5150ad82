/**
 * Serves the built PWA (app/dist) as a static host like Amplify Hosting would: files with long
 * caching for hashed assets, no caching for the entry points and the service worker, every other
 * path answered with index.html (the app routes itself), and `/amplify_outputs.json` for this stack.
 *
 * No request can take it down: a path that does not decode is a 400, a GET or HEAD with a body a
 * 403 (as CloudFront, in front of Amplify Hosting, answers it), any other method a 405, oversize
 * headers a 431; each closes the connection, so a body announced is never waited for.
 */
import { createReadStream, statSync } from 'node:fs';
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { contentSecurityPolicy, type BackendSources } from './content-security-policy';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Text is sent gzipped to browsers that accept it, as Amplify Hosting's CDN does. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg', '.map', '.txt']);

/** Headers every response carries (customHttp.yml sets the same in AWS; amplify/hosting.test.ts). */
export function securityHeaders(backend: BackendSources): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(backend),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** The request's path, decoded; undefined when it does not decode or holds a NUL. */
function decodedPath(request: IncomingMessage): string | undefined {
  try {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    return path.includes('\0') ? undefined : path;
  } catch {
    return undefined;
  }
}

const hasBody = (request: IncomingMessage) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function createAppServer(distDir: string, outputs: unknown, backend: BackendSources): Server {
  const outputsBody = JSON.stringify(outputs);
  const security = securityHeaders(backend);

  /** A refusal; the connection closes after it, so whatever body was sent is never read. */
  const refuse = (response: ServerResponse, status: number, message: string, extra = {}) =>
    response
      .writeHead(status, { 'content-type': 'text/plain', connection: 'close', ...extra, ...security })
      .end(message);

  const serve = (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(response, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    if (hasBody(request)) return refuse(response, 403, `A ${request.method} request cannot carry a body`);
    const path = decodedPath(request);
    if (path === undefined)
      return refuse(response, 400, 'Bad request: the path is not valid percent-encoding');

    if (path === '/amplify_outputs.json') {
      response.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'no-cache',
        ...security,
      });
      return response.end(outputsBody);
    }
    const file = normalize(join(distDir, path));
    const found = file.startsWith(distDir + sep) && isFile(file);
    // A missing asset is a 404 (a stale cached page asking for an old chunk must not get HTML).
    if (!found && (path.startsWith('/assets/') || extname(path) !== ''))
      return response.writeHead(404, { 'content-type': 'text/plain', ...security }).end('Not found');

    const served = found ? file : join(distDir, 'index.html');
    const immutable = served.includes(`${sep}assets${sep}`);
    const gzip =
      COMPRESSIBLE.has(extname(served)) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...security,
    });
    if (request.method === 'HEAD') return response.end();
    // A file replaced under a reader (a new build) or a client that left ends this response only.
    const done = (error: Error | null) => error && response.destroy();
    if (gzip) pipeline(createReadStream(served), createGzip(), response, done);
    else pipeline(createReadStream(served), response, done);
  };

  return createServer((request, response) => {
    try {
      serve(request, response);
    } catch (error) {
      console.error(`app: ${request.method} ${request.url?.slice(0, 200)} failed:`, error);
      if (response.headersSent) response.destroy();
      else refuse(response, 500, 'Internal error');
    }
  }).on('clientError', answerUnparsable);
}

/** How long a client refused before its request was parsed may go on sending before it is cut off. */
const LINGER_MS = 5_000;

/**
 * A request Node could not parse (oversize headers: 431; not HTTP: 400). Node's own answer resets
 * the connection while the client is still sending, which can lose the answer: this one ends the
 * connection after it and drops what still arrives, for a few seconds at most.
 */
function answerUnparsable(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.on('end', () => socket.destroy());
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
