/**
 * The trust page, served over plain HTTP on the local network (a phone cannot open the HTTPS
 * address before it trusts the CA): how to trust the stack's CA on Android and on iOS, and the CA
 * certificate in the form each needs. It offers the CA's certificate only, never its key.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CA_NAME } from './certificate-authority';

export const TRUST_FILES = {
  /** DER: Android's "Install a certificate" and iOS both take it. */
  der: '/golive-local-ca.crt',
  pem: '/golive-local-ca.pem',
  /** An iOS configuration profile holding the CA: Safari hands it to Settings to install. */
  profile: '/golive-local-ca.mobileconfig',
};

export interface TrustPageFacts {
  /** The CA certificate (PEM). */
  caCertificate: string;
  /** The HTTPS address of the app, to open once the CA is trusted. */
  appUrl: string;
}

/** The SHA-256 fingerprint the trust page and the start-up banner both show, to compare. */
export function caFingerprint(caCertificate: string): string {
  return new X509Certificate(caCertificate).fingerprint256;
}

/** A UUID derived from the certificate, so downloading the profile again gives the same profile. */
function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function appleProfile(caCertificate: string): string {
  const certificate = new X509Certificate(caCertificate);
  const fingerprint = certificate.fingerprint256;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadCertificateFileName</key><string>golive-local-ca.cer</string>
      <key>PayloadContent</key><data>${certificate.raw.toString('base64')}</data>
      <key>PayloadDescription</key><string>Lets this device open the GoLive local stack over HTTPS.</string>
      <key>PayloadDisplayName</key><string>${CA_NAME}</string>
      <key>PayloadIdentifier</key><string>test.golive.local.ca.${stableUuid(`ca ${fingerprint}`)}</string>
      <key>PayloadType</key><string>com.apple.security.root</string>
      <key>PayloadUUID</key><string>${stableUuid(`ca ${fingerprint}`)}</string>
      <key>PayloadVersion</key><integer>1</integer>
    </dict>
  </array>
  <key>PayloadDisplayName</key><string>GoLive local stack</string>
  <key>PayloadIdentifier</key><string>test.golive.local.${stableUuid(`profile ${fingerprint}`)}</string>
  <key>PayloadRemovalDisallowed</key><false/>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadUUID</key><string>${stableUuid(`profile ${fingerprint}`)}</string>
  <key>PayloadVersion</key><integer>1</integer>
</dict>
</plist>
`;
}

export function trustPageHtml(facts: TrustPageFacts): string {
  const app = escapeHtml(facts.appUrl);
  const fingerprint = escapeHtml(caFingerprint(facts.caCertificate));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trust this computer: GoLive on your phone</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #111; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
  a.button { display: inline-block; padding: .6rem 1rem; border-radius: .5rem; background: #0b57d0; color: #fff; text-decoration: none; }
  code { word-break: break-all; } .note { color: #555; font-size: .9rem; }
</style>
</head>
<body>
<h1>Open GoLive on your phone</h1>
<p>This computer runs the GoLive local stack on your network at <a href="${app}"><code>${app}</code></a>.
A phone's browser gives the camera only to a secure (HTTPS) page, and the certificate of that address
is made by this computer, so your phone must trust this computer's certificate authority once.</p>
<p class="note">Certificate authority: <strong>${escapeHtml(CA_NAME)}</strong><br>
SHA-256 fingerprint: <code id="fingerprint">${fingerprint}</code><br>
It must match the fingerprint the computer's terminal shows. If it does not, someone else on this
network answered: do not install it.</p>

<h2>iPhone and iPad</h2>
<ol>
  <li>Open this page in Safari and tap <a class="button" href="${TRUST_FILES.profile}">Download the profile</a>, then <em>Allow</em>.</li>
  <li>Open <em>Settings &gt; General &gt; VPN &amp; Device Management</em>, tap <em>GoLive local stack</em> and <em>Install</em>.</li>
  <li>Open <em>Settings &gt; General &gt; About &gt; Certificate Trust Settings</em> and turn on full trust for <em>${escapeHtml(CA_NAME)}</em>. Without this step Safari still refuses the page.</li>
  <li>Open <a href="${app}">${app}</a>.</li>
</ol>

<h2>Android</h2>
<ol>
  <li>Tap <a class="button" href="${TRUST_FILES.der}" download>Download the certificate</a>.</li>
  <li>Open <em>Settings</em>, search for <em>CA certificate</em> (usually <em>Security &amp; privacy &gt; More security settings &gt; Encryption &amp; credentials &gt; Install a certificate &gt; CA certificate</em>), tap <em>Install anyway</em> and choose <code>golive-local-ca.crt</code>.</li>
  <li>Open <a href="${app}">${app}</a> in Chrome. (Firefox for Android keeps its own list of authorities and ignores this one.)</li>
</ol>

<h2>Afterwards</h2>
<p>Remove it when you are done: on iOS delete the profile in <em>VPN &amp; Device Management</em>; on
Android remove it under <em>Encryption &amp; credentials &gt; User credentials</em>. The certificate
is also offered <a href="${TRUST_FILES.pem}">as PEM</a> for desktop browsers.</p>
</body>
</html>
`;
}

/** Answers the trust page and the CA downloads; false for any other path. */
export function serveTrustPage(
  facts: TrustPageFacts,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const headers = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  const files: Record<string, () => [string, string | Buffer]> = {
    '/': () => ['text/html; charset=utf-8', trustPageHtml(facts)],
    [TRUST_FILES.der]: () => ['application/x-x509-ca-cert', new X509Certificate(facts.caCertificate).raw],
    [TRUST_FILES.pem]: () => ['application/x-pem-file', facts.caCertificate],
    [TRUST_FILES.profile]: () => ['application/x-apple-aspen-config', appleProfile(facts.caCertificate)],
  };
  const file = files[path];
  if (!file) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', ...headers }).end();
    return true;
  }
  const [type, body] = file();
  response.writeHead(200, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    // The page's one style sheet is inline; nothing else may load or run.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    ...headers,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
