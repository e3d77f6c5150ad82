/**
 * No request takes the app host down: the service runs as the stack runs it (its own process,
 * started by `ServiceProcess`), requests are raw bytes on a socket as an attacker sends them, and
 * after each one the same process still serves the app. Bad percent-encoding gets 400, a GET with
 * a body gets 403 as CloudFront answers it, oversize headers 431, and no path reads a file outside
 * the build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceProcess } from '../process/service-process';
import type { HttpServiceDetails } from '../process/run-service';
import type { AppServiceConfig } from './app-service';

const SECRET = 'not-for-the-web';
let root: string;
let app: ServiceProcess<HttpServiceDetails>;
let endpoint: URL;
const exits: string[] = [];

beforeAll(async () => {
  // A build of the app, and beside it a file no request may read.
  root = mkdtempSync(join(tmpdir(), 'golive-app-host-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>GoLive</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'secret'), SECRET);
  app = new ServiceProcess<HttpServiceDetails>({
    name: 'app',
    entry: join(__dirname, 'app-service.ts'),
    config: {
      host: '127.0.0.1',
      port: 0,
      path: join(root, 'state'),
      dist,
      facts: {
        region: 'us-east-1',
        graphql: {
          url: 'http://127.0.0.1:4000/graphql',
          realtimeUrl: 'ws://127.0.0.1:4000/graphql/realtime',
          apiKey: 'da2-test',
          consoleUrl: 'http://127.0.0.1:4000/graphql',
        },
        cognito: { endpoint: 'http://127.0.0.1:9229', userPoolId: 'local_test', clientId: 'test' },
      },
      ingestUrls: ['ws://127.0.0.1:8090/ingest'],
      playbackUrl: 'http://127.0.0.1:4100/api/video/v1/',
    } satisfies AppServiceConfig,
    startTimeoutMs: 30_000,
    log: () => undefined,
    onUnexpectedExit: (how) => exits.push(how),
  });
  endpoint = new URL((await app.start()).endpoint);
});

afterAll(async () => {
  await app?.stop();
  rmSync(root, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  body: string;
}

/** Sends bytes as they are and reads the answer until the host closes the connection. */
function send(request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(endpoint.port), endpoint.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      if (!status) return reject(new Error(`no HTTP answer, only ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ status: Number(status), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(request);
  });
}

const get = (target: string, headers = '') =>
  send(`GET ${target} HTTP/1.1\r\nHost: ${endpoint.host}\r\n${headers}Connection: close\r\n\r\n`);

/** The same process is still up and serving the app shell. */
async function stillServing(): Promise<void> {
  const shell = await get('/');
  expect(shell.status).toBe(200);
  expect(shell.body).toContain('<title>GoLive</title>');
  expect(exits).toEqual([]);
}

afterEach(stillServing);

test.each([
  ['a lone percent sign', '/%'],
  ['a truncated escape', '/assets/%E0%A4%A'],
  ['an escape that is not UTF-8', '/%C0%AF'],
  ['a NUL byte', '/index.html%00.js'],
])('a path with %s gets 400', async (_case, path) => {
  expect((await get(path)).status).toBe(400);
});

test.each([
  '/..%2fsecret.txt',
  '/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/assets/..%2f..%2fsecret.txt',
  '/%2e%2e/secret.txt',
  '/..%5csecret.txt',
  '/assets/%2e%2e%2f%2e%2e%2fsecret',
  '/..%252fsecret.txt',
])('%s reads nothing outside the build', async (path) => {
  const answer = await get(path);
  expect(answer.body).not.toContain(SECRET);
  expect(answer.body).not.toContain('root:');
  expect([200, 400, 404]).toContain(answer.status);
});

test('a request line in absolute form with a bad escape gets 400', async () => {
  expect((await get('http://attacker.example/%')).status).toBe(400);
});

test('headers over 16 KB get 431', async () => {
  expect((await get('/', `X-Padding: ${'a'.repeat(64 * 1024)}\r\n`)).status).toBe(431);
});

test('a path over 16 KB gets 431', async () => {
  expect((await get(`/${'a'.repeat(64 * 1024)}`)).status).toBe(431);
});

test('a GET announcing a 1 GB body gets 403 (as CloudFront answers) without the host reading it', async () => {
  const answer = await send(
    `GET / HTTP/1.1\r\nHost: ${endpoint.host}\r\nContent-Length: 1000000000\r\n\r\n${'x'.repeat(1024)}`,
  );
  expect(answer.status).toBe(403);
});

test('a GET with a chunked body gets 403', async () => {
  const answer = await send(
    `GET / HTTP/1.1\r\nHost: ${endpoint.host}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`,
  );
  expect(answer.status).toBe(403);
});

test('a POST gets 405 without the host reading its body', async () => {
  const answer = await send(
    `POST / HTTP/1.1\r\nHost: ${endpoint.host}\r\nContent-Length: 1000000000\r\n\r\n${'x'.repeat(1024)}`,
  );
  expect(answer.status).toBe(405);
});

test('a request that is not HTTP gets 400', async () => {
  expect((await send('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello\r\n\r\n')).status).toBe(400);
});

test('a client that goes away in the middle of a download leaves the host serving', async () => {
  const firstBytes = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(Number(endpoint.port), endpoint.hostname);
    socket.on('error', reject);
    socket.once('data', (chunk: Buffer) => {
      socket.resetAndDestroy();
      resolve(chunk);
    });
    socket.write(`GET /assets/index-abc123.js HTTP/1.1\r\nHost: ${endpoint.host}\r\n\r\n`);
  });
  expect(firstBytes.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
});
