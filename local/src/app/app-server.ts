/**
 * Serves the built PWA (app/dist) as a static host like Amplify Hosting would: files with long
 * caching for hashed assets, no caching for the entry points and the service worker, every other
 * path answered with index.html (the app routes itself), and `/amplify_outputs.json` for this stack.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';

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

/** Headers every response carries (amplify.yml sets the same in AWS). */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
  'x-frame-options': 'DENY',
};

export function createAppServer(distDir: string, outputs: unknown): Server {
  const outputsBody = JSON.stringify(outputs);
  return createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    if (path === '/amplify_outputs.json') {
      response.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'no-cache',
        ...SECURITY_HEADERS,
      });
      response.end(outputsBody);
      return;
    }
    const file = normalize(join(distDir, path));
    const inside = file.startsWith(distDir + sep);
    const found = inside && existsSync(file) && statSync(file).isFile();
    // A missing asset is a 404 (a stale cached page asking for an old chunk must not get HTML).
    if (!found && (path.startsWith('/assets/') || extname(path) !== '')) {
      response.writeHead(404, { 'content-type': 'text/plain', ...SECURITY_HEADERS }).end('Not found');
      return;
    }
    const served = found ? file : join(distDir, 'index.html');
    const immutable = served.includes(`${sep}assets${sep}`);
    const gzip =
      COMPRESSIBLE.has(extname(served)) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...SECURITY_HEADERS,
    });
    if (request.method === 'HEAD') response.end();
    else if (gzip) createReadStream(served).pipe(createGzip()).pipe(response);
    else createReadStream(served).pipe(response);
  });
}
