/**
 * Trying GoLive on a phone: `npm start -- --lan` serves everything on one HTTPS origin on the
 * network. Here the "network" is a second loopback address and the phone is Chromium told that
 * golive.test is that address, so its pages are what a phone's are: plain http:// on that host is
 * NOT a secure context (no camera), https:// is one once the browser trusts the stack's CA.
 * Chromium trusts it through --ignore-certificate-errors-spki-list with the CA's key hash; a
 * browser without it refuses the certificate, which shows that the trust is what lets it in.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import WebSocket from 'ws';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, type TestBrowser } from '@golive/common/testing/browser';
import { poll } from '@golive/common/testing/poll';
import { decodeTerminalQrs } from '@golive/local/lan/testing/terminal-qr-reader';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';
import { demoUser, openAppBrowser, type AppBrowser } from './testing/app-browser';
import { endBroadcast, goLive } from './testing/seller-steps';
import { videoPlays } from './testing/video-probe';

const LAN_HOST = 'golive.test';
const LAN_ADDRESS = '127.0.0.2';

let dataDir: string;
let stack: StackProcess;
let lan: NonNullable<StackProcess['info']['lan']>;
let seller: AppBrowser;
let viewer: AppBrowser;
let untrusting: TestBrowser;
/** Every URL the two trusting browsers asked for, pages, fetches, sockets and media alike. */
const requested = new Set<string>();

/** What Chromium's --ignore-certificate-errors-spki-list takes: base64 SHA-256 of the key's SPKI. */
function spkiHash(pemPath: string): string {
  const { publicKey } = new X509Certificate(readFileSync(pemPath));
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
}

/** A request to the LAN origin from Node, trusting the stack's CA as a phone would; its status. */
function lanRequest(method: string, path: string): Promise<number> {
  const { port } = new URL(lan.appUrl);
  return new Promise((resolve, reject) =>
    request(
      { host: LAN_ADDRESS, port, path, method, servername: LAN_HOST, ca: readFileSync(lan.caCertificate) },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    )
      .on('error', reject)
      .end(method === 'POST' ? '{}' : undefined),
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'golive-lan-'));
  stack = await startStackProcess({
    dataDir,
    args: ['--lan'],
    env: {
      LAN_ADDRESS,
      LAN_NAME: LAN_HOST,
      LAN_HTTPS_PORT: '0',
      LAN_HTTP_PORT: '0',
      TRANSWRAP_INSTANCES: '1',
    },
    timeoutMs: 90_000,
  });
  lan = stack.info.lan!;
  const resolveToLan = `--host-resolver-rules=MAP ${LAN_HOST} ${LAN_ADDRESS}`;
  const trusting = {
    extraArgs: [resolveToLan, `--ignore-certificate-errors-spki-list=${spkiHash(lan.caCertificate)}`],
  };
  [seller, viewer, untrusting] = await Promise.all([
    openAppBrowser(stack.info, trusting),
    openAppBrowser(stack.info, trusting),
    launchBrowser({ extraArgs: [resolveToLan] }),
  ]);
  for (const browser of [seller, viewer]) {
    browser.browser.context.on('request', (request) => requested.add(request.url()));
    browser.page.on('websocket', (socket) => requested.add(socket.url()));
  }
}, 150_000);

afterAll(async () => {
  await Promise.all([seller?.close(), viewer?.close(), untrusting?.close()]);
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the banner prints the HTTPS address and the trust page, each with a QR code that reads back as it', async () => {
  // The banner follows local-stack.json (which startStackProcess waits for) by a moment.
  await poll('the banner with its two QR codes', () =>
    decodeTerminalQrs(stack.output()).filter(Boolean).length >= 2 ? true : undefined,
  );
  expect(lan.appUrl).toMatch(new RegExp(`^https://${LAN_HOST}:\\d+/$`));
  expect(lan.trustPageUrl).toMatch(new RegExp(`^http://${LAN_HOST}:\\d+/$`));
  expect(decodeTerminalQrs(stack.output())).toEqual([lan.trustPageUrl, lan.appUrl]);
  expect(stack.output()).toContain(lan.caFingerprint);
  expect(stack.output()).toMatch(/everyone on this network can reach/);
});

test('the certificate names the LAN name and address; the CA key stays in the data folder', () => {
  expect(lan.certificateNames).toEqual(expect.arrayContaining([LAN_HOST, LAN_ADDRESS]));
  expect(lan.caCertificate.startsWith(dataDir)).toBe(true);
});

test('the demo users get fresh passwords, not the ones this repository publishes', () => {
  for (const user of stack.info.demoUsers) expect(user.password).not.toMatch(/-demo-1$/);
});

test('the AWS stand-ins stay on loopback: only the app’s paths answer on the network address', async () => {
  for (const endpoint of [
    stack.info.dynamodb.endpoint,
    stack.info.cognito.endpoint,
    stack.info.graphql.url,
    stack.info.ivs.endpoint,
  ])
    expect(new URL(endpoint).hostname).toBe('127.0.0.1');
  // IVS's control plane (what would hand out stream keys) and Cognito's admin side are not routed:
  // the path falls to the app, which only serves files.
  expect(await lanRequest('POST', '/GetStreamKey')).toBe(405);
  expect(await lanRequest('POST', '/api/video/v1/anything')).toBe(404);
  expect(await lanRequest('GET', `/cognito/${stack.info.cognito.userPoolId}/.well-known/jwks.json`)).toBe(
    404,
  );
  // What the app does use answers there.
  expect(await lanRequest('GET', '/amplify_outputs.json')).toBe(200);
});

/** Opens transwrap's ingest socket through the LAN origin as a page on `origin` would: 'open' or the refusal's status. */
function ingestFrom(origin: string): Promise<string> {
  const { port } = new URL(lan.appUrl);
  // ws hands TLS options (servername: the name the certificate is checked against) to tls.connect.
  const options = { origin, servername: LAN_HOST, ca: readFileSync(lan.caCertificate) };
  const socket = new WebSocket(`wss://${LAN_ADDRESS}:${port}/ingest/1`, options);
  return new Promise((resolve) => {
    socket.once('open', () => {
      resolve('open');
      socket.close();
    });
    socket.once('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
    socket.once('error', () => undefined);
  });
}

test('transwrap takes sockets from the LAN origin’s pages only', async () => {
  expect(await ingestFrom(new URL(lan.appUrl).origin)).toBe('open');
  expect(await ingestFrom('https://elsewhere.test')).toBe('403');
  // Not even from the app on loopback: it is not where LAN mode's pages come from.
  expect(await ingestFrom('http://127.0.0.1:8080')).toBe('403');
});

test('over HTTPS a seller goes live and a viewer plays, and every request goes to the one origin', async () => {
  const { username, password } = demoUser(stack.info, 'sellers');
  await seller.signIn(username, password);
  expect(await seller.page.evaluate(() => window.isSecureContext)).toBe(true);
  const watchLink = await goLive(seller, 'Phone drop');
  expect(new URL(watchLink).origin).toBe(new URL(lan.appUrl).origin);

  await viewer.page.goto(watchLink);
  await videoPlays(viewer.page, 'video', 45_000);
  await endBroadcast(seller);

  const origin = new URL(lan.appUrl);
  const elsewhere = [...requested].filter((url) => {
    const { protocol, host } = new URL(url);
    if (protocol === 'blob:' || protocol === 'data:') return false;
    return host !== origin.host || !['https:', 'wss:'].includes(protocol);
  });
  expect(elsewhere).toEqual([]);
  // The socket to transwrap and the API's real-time socket went through it too.
  expect([...requested].filter((url) => url.startsWith('wss:')).map((url) => new URL(url).pathname)).toEqual(
    expect.arrayContaining(['/graphql/realtime', '/ingest/1']),
  );
  expect(seller.errors).toEqual([]);
  expect(viewer.errors).toEqual([]);
}, 180_000);

test('a browser that does not trust the CA is refused the HTTPS page', async () => {
  const page = await untrusting.context.newPage();
  await expect(page.goto(lan.appUrl)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
  await page.close();
});

test('over plain HTTP the app says the camera needs HTTPS and where to trust this computer', async () => {
  const page = await untrusting.context.newPage();
  const plain = new URL('/live', lan.trustPageUrl).href;
  await page.goto(plain);
  await page.getByRole('heading', { name: 'GoLive needs a secure connection' }).waitFor();
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  const secure = await page.getByRole('link', { name: /over HTTPS/ }).getAttribute('href');
  expect(secure).toBe(new URL('/live', lan.appUrl).href);
  await page.getByRole('link', { name: lan.trustPageUrl }).click();
  await page.getByRole('heading', { name: 'Open GoLive on your phone' }).waitFor();
  expect(await page.locator('#fingerprint').innerText()).toBe(lan.caFingerprint);
  await page.close();
});
