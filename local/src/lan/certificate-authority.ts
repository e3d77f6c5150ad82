/**
 * LAN mode's certificates: a certificate authority made once per data folder, which a phone is
 * asked to trust, and the server certificate it signs for the names the phone uses (the machine's
 * LAN addresses and host name). The server certificate is made again when those names change or it
 * nears its end; the CA stays, so a phone trusts it once. The CA's private key is written owner-only
 * and only ever read by this module: nothing serves it.
 */
import * as x509 from '@peculiar/x509';
import { webcrypto, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

x509.cryptoProvider.set(webcrypto as Crypto);

export interface LanCertificates {
  /** The CA certificate (PEM), for the trust page's downloads. */
  caCertificate: string;
  caCertificatePath: string;
  /** The server's key and certificate chain (server, then CA) for the HTTPS listener. */
  key: string;
  cert: string;
}

const DAY_MS = 86_400_000;
/** Apple refuses TLS server certificates valid for more than 825 days, even from a CA a user added; 397 is the public-CA rule. */
const SERVER_DAYS = 397;
/** A server certificate this close to its end is replaced at start-up. */
const RENEW_DAYS = 30;
const CA_DAYS = 10 * 365;

export const CA_NAME = 'GoLive local network CA';

const FILES = { caKey: 'ca.key', caCert: 'ca.crt', serverKey: 'server.key', serverCert: 'server.crt' };

/** ECDSA P-256 with SHA-256: what iOS, Android and every browser accept. */
const KEY = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' };

const generateKeys = () =>
  webcrypto.subtle.generateKey(KEY, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function importPrivateKey(pem: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), KEY, false, ['sign']);
}

/** The certificate names exactly these names, each once, and nothing else. */
function namesMatch(certificate: X509Certificate, names: string[]): boolean {
  const entries = (certificate.subjectAltName ?? '').split(', ').filter(Boolean);
  return (
    entries.length === names.length &&
    names.every((name) =>
      isIP(name)
        ? certificate.checkIP(name) !== undefined
        : certificate.checkHost(name, { wildcards: false }) === name,
    )
  );
}

async function makeCa(dir: string) {
  const keys = await generateKeys();
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${CA_NAME}`,
    keys,
    signingAlgorithm: SIGNING,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_DAYS * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writeFileSync(join(dir, FILES.caKey), await privateKeyPem(keys.privateKey), { mode: 0o600 });
  writeFileSync(join(dir, FILES.caCert), certificate.toString('pem'));
}

/** The server certificate on disk still fits: signed by this CA, for exactly these names, not near its end. */
function serverFits(dir: string, caCertificate: X509Certificate, names: string[]): boolean {
  const path = join(dir, FILES.serverCert);
  if (!existsSync(path) || !existsSync(join(dir, FILES.serverKey))) return false;
  const server = new X509Certificate(readFileSync(path));
  return (
    server.checkIssued(caCertificate) &&
    server.verify(caCertificate.publicKey) &&
    namesMatch(server, names) &&
    new Date(server.validTo).getTime() - Date.now() > RENEW_DAYS * DAY_MS
  );
}

async function makeServer(dir: string, ca: { key: string; cert: string }, names: string[]) {
  const keys = await generateKeys();
  const caCertificate = new x509.X509Certificate(ca.cert);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.create({
    subject: `CN=${names[0]}`,
    issuer: caCertificate.subject,
    publicKey: keys.publicKey,
    signingKey: await importPrivateKey(ca.key),
    signingAlgorithm: SIGNING,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + SERVER_DAYS * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        names.map((name) => ({ type: isIP(name) ? ('ip' as const) : ('dns' as const), value: name })),
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate),
    ],
  });
  writeFileSync(join(dir, FILES.serverKey), await privateKeyPem(keys.privateKey), { mode: 0o600 });
  writeFileSync(join(dir, FILES.serverCert), certificate.toString('pem'));
}

/** The CA (made if missing) and a server certificate for `names` (made if they changed). */
export async function ensureLanCertificates(dir: string, names: string[]): Promise<LanCertificates> {
  if (names.length === 0) throw new Error('a server certificate needs at least one name');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caCertificatePath = join(dir, FILES.caCert);
  if (!existsSync(caCertificatePath) || !existsSync(join(dir, FILES.caKey))) await makeCa(dir);
  const ca = {
    key: readFileSync(join(dir, FILES.caKey), 'utf8'),
    cert: readFileSync(caCertificatePath, 'utf8'),
  };
  if (!serverFits(dir, new X509Certificate(ca.cert), names)) await makeServer(dir, ca, names);
  return {
    caCertificate: ca.cert,
    caCertificatePath,
    key: readFileSync(join(dir, FILES.serverKey), 'utf8'),
    cert: `${readFileSync(join(dir, FILES.serverCert), 'utf8').trim()}\n${ca.cert.trim()}\n`,
  };
}
