/**
 * The certificates a phone trusts in LAN mode, checked by Node's own X.509 and TLS code: the
 * server certificate is accepted for the names it was made for, by a client that trusts only the
 * stack's CA, and refused for any other name.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, connect, createSecureContext, TLSSocket } from 'node:tls';
import { CA_NAME, ensureLanCertificates } from './certificate-authority';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'golive-lan-ca-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['golive.test', '192.168.1.23', 'my-laptop.local'];

/** A TLS handshake against a server with `chain`, from a client trusting only `ca`, asking for `name`. */
async function handshake(chain: { key: string; cert: string }, ca: string, name: string): Promise<string> {
  const context = createSecureContext(chain);
  const server = createServer((socket) => {
    const tls = new TLSSocket(socket, { isServer: true, secureContext: context });
    tls.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise<string>((resolve) => {
      const isAddress = /^[0-9.]+$/.test(name);
      const client = connect({
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        ca,
        // An address is checked against the certificate's IP entries, a name against its DNS ones.
        servername: isAddress ? undefined : name,
        checkServerIdentity: (_host, certificate) => checkServerIdentity(name, certificate),
      });
      client.once('secureConnect', () => {
        resolve('accepted');
        client.end();
      });
      client.once('error', (error: NodeJS.ErrnoException) =>
        resolve(`refused: ${error.code ?? error.message}`),
      );
    });
  } finally {
    server.close();
  }
}

test('the server certificate is accepted for each name it was made for, by a client trusting only the CA', async () => {
  const made = await ensureLanCertificates(dir, NAMES);
  for (const name of NAMES) expect(await handshake(made, made.caCertificate, name)).toBe('accepted');
  expect(await handshake(made, made.caCertificate, 'other.test')).toMatch(
    /^refused: ERR_TLS_CERT_ALTNAME_INVALID/,
  );
  expect(await handshake(made, made.caCertificate, '192.168.1.99')).toMatch(
    /^refused: ERR_TLS_CERT_ALTNAME_INVALID/,
  );
});

test('a client that does not trust the CA refuses the server', async () => {
  const made = await ensureLanCertificates(dir, NAMES);
  const otherCa = (await ensureLanCertificates(join(dir, 'other'), NAMES)).caCertificate;
  expect(await handshake(made, otherCa, 'golive.test')).toMatch(/^refused: /);
});

test('the CA is a CA, and the server certificate is what phones accept: server auth, EC P-256, under 825 days', async () => {
  const made = await ensureLanCertificates(dir, NAMES);
  const ca = new X509Certificate(made.caCertificate);
  const server = new X509Certificate(made.cert);
  expect(ca.ca).toBe(true);
  expect(ca.subject).toBe(`CN=${CA_NAME}`);
  expect(server.ca).toBe(false);
  expect(server.checkIssued(ca)).toBe(true);
  expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
  expect(server.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  const days = (Date.parse(server.validTo) - Date.parse(server.validFrom)) / 86_400_000;
  expect(days).toBeLessThanOrEqual(825);
  expect(Date.parse(server.validFrom)).toBeLessThan(Date.now());
});

test('made once: a second start keeps both; new names get a new server certificate from the same CA', async () => {
  const first = await ensureLanCertificates(dir, NAMES);
  const again = await ensureLanCertificates(dir, NAMES);
  expect(again).toEqual(first);

  const moved = await ensureLanCertificates(dir, ['golive.test', '10.0.0.7']);
  expect(moved.caCertificate).toBe(first.caCertificate);
  expect(moved.cert).not.toBe(first.cert);
  expect(await handshake(moved, first.caCertificate, '10.0.0.7')).toBe('accepted');
  expect(await handshake(moved, first.caCertificate, '192.168.1.23')).toMatch(/ALTNAME/);
});

test('private keys are the owner’s alone and never part of what is handed out', async () => {
  const made = await ensureLanCertificates(dir, NAMES);
  expect(statSync(join(dir, 'ca.key')).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, 'server.key')).mode & 0o777).toBe(0o600);
  expect(made.caCertificate).not.toMatch(/PRIVATE KEY/);
  expect(made.cert).not.toMatch(/PRIVATE KEY/);
  expect(readFileSync(made.caCertificatePath, 'utf8')).toBe(made.caCertificate);
});
