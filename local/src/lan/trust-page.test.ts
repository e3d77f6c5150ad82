/**
 * The trust page a phone opens over plain HTTP: it explains both platforms' steps, offers the CA
 * certificate in each form a phone installs, shows the fingerprint the terminal shows, and hands
 * out nothing secret.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLanCertificates } from './certificate-authority';
import { caFingerprint, serveTrustPage, TRUST_FILES } from './trust-page';

let dir: string;
let server: Server;
let base: string;
let caCertificate: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'golive-trust-'));
  ({ caCertificate } = await ensureLanCertificates(dir, ['golive.test']));
  const facts = { caCertificate, appUrl: 'https://golive.test:8443/' };
  server = createServer((request, response) => {
    if (!serveTrustPage(facts, request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the page walks through iOS (profile, then full trust) and Android, and links the app', async () => {
  const response = await fetch(`${base}/`);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const page = await response.text();
  expect(page).toContain(`href="${TRUST_FILES.profile}"`);
  expect(page).toContain('VPN &amp; Device Management');
  expect(page).toContain('Certificate Trust Settings');
  expect(page).toContain(`href="${TRUST_FILES.der}"`);
  expect(page).toContain('Install a certificate');
  expect(page).toContain('href="https://golive.test:8443/"');
  expect(page).toContain(caFingerprint(caCertificate));
});

test('Android and iOS get the CA certificate itself (DER), desktops PEM', async () => {
  const der = await fetch(`${base}${TRUST_FILES.der}`);
  expect(der.headers.get('content-type')).toBe('application/x-x509-ca-cert');
  const certificate = new X509Certificate(Buffer.from(await der.arrayBuffer()));
  expect(certificate.fingerprint256).toBe(caFingerprint(caCertificate));
  expect(certificate.ca).toBe(true);

  const pem = await (await fetch(`${base}${TRUST_FILES.pem}`)).text();
  expect(pem).toBe(caCertificate);
});

test('the iOS profile is a root-certificate payload holding that CA, the same on every download', async () => {
  const response = await fetch(`${base}${TRUST_FILES.profile}`);
  expect(response.headers.get('content-type')).toBe('application/x-apple-aspen-config');
  const profile = await response.text();
  expect(profile).toContain('<string>com.apple.security.root</string>');
  const data = /<key>PayloadContent<\/key><data>([A-Za-z0-9+/=]+)<\/data>/.exec(profile)?.[1];
  expect(new X509Certificate(Buffer.from(data!, 'base64')).fingerprint256).toBe(caFingerprint(caCertificate));
  expect(await (await fetch(`${base}${TRUST_FILES.profile}`)).text()).toBe(profile);
  expect(profile.match(/[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-A[0-9A-F]{3}-[0-9A-F]{12}/g)).toHaveLength(4);
});

test('nothing it serves holds a private key, and it only reads', async () => {
  const key = readFileSync(join(dir, 'ca.key'), 'utf8');
  for (const path of ['/', ...Object.values(TRUST_FILES)]) {
    const body = await (await fetch(`${base}${path}`)).text();
    expect(body).not.toMatch(/PRIVATE KEY/);
    expect(body).not.toContain(key.split('\n')[1]);
  }
  expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  expect((await fetch(`${base}/ca.key`)).status).toBe(404);
});
