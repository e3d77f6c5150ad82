/**
 * Verifies AWS Signature Version 4 on an incoming request, for real: the signature is computed
 * again with @smithy/signature-v4 (the AWS SDK's own signer) from the headers the client signed
 * and the body it sent, and compared in constant time. Answers use AWS's error types and messages.
 */
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';

export interface SignedRequest {
  method: string;
  /** Path and query string as received. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array | string;
}

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export type SigV4ErrorType =
  | 'MissingAuthenticationTokenException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException'
  | 'IncompleteSignatureException';

export type SigV4Result =
  { ok: true; accessKeyId: string } | { ok: false; errorType: SigV4ErrorType; message: string };

/** AWS accepts a request whose time is within 5 minutes of its own. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function bytes(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the Smithy signer expects. */
export class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }

  update(data: Uint8Array): void {
    this.hash.update(bytes(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

const refuse = (errorType: SigV4ErrorType, message: string): SigV4Result => ({
  ok: false,
  errorType,
  message,
});

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/** 20240101T000000Z -> Date */
function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

const amzDate = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The request's URL and its decoded path, or undefined for a path that is not one. */
function parseTarget(raw: string): { url: URL; path: string } | undefined {
  try {
    const url = new URL(raw, 'http://localhost');
    return { url, path: decodeURIComponent(url.pathname) };
  } catch {
    return undefined;
  }
}

export async function verifySigV4(
  request: SignedRequest,
  expected: { credentials: SigV4Credentials; region: string; service: string; now?: Date },
): Promise<SigV4Result> {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return refuse('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) {
    return refuse(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`,
    );
  }
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = match as unknown as string[];
  if (accessKeyId !== expected.credentials.accessKeyId) {
    return refuse('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (region !== expected.region)
    return refuse(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, not '${region}'.`,
    );
  if (service !== expected.service) {
    return refuse(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${expected.service}'.`,
    );
  }
  const signedHeaders = (signedHeaderList ?? '').split(';');
  const dateHeader = header(request.headers, 'x-amz-date');
  const signingDate = dateHeader ? parseAmzDate(dateHeader) : undefined;
  if (!dateHeader || !signingDate || !signedHeaders.includes('host')) {
    return refuse(
      'IncompleteSignatureException',
      'The request must sign the host header and carry a valid X-Amz-Date.',
    );
  }
  if (dateHeader.slice(0, 8) !== day)
    return refuse('InvalidSignatureException', 'Date in Credential scope does not match X-Amz-Date.');
  const now = expected.now ?? new Date();
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    const bound = new Date(now.getTime() + (signingDate < now ? -MAX_CLOCK_SKEW_MS : MAX_CLOCK_SKEW_MS));
    const relation = signingDate < now ? 'earlier' : 'later';
    return refuse(
      'InvalidSignatureException',
      `Signature expired: ${dateHeader} is now ${relation} than ${amzDate(bound)} (${amzDate(now)} ${signingDate < now ? '-' : '+'} 5 min.)`,
    );
  }

  const body = bytes(request.body);
  // A client may send the payload hash as a header; it must be the hash of what actually arrived.
  const declaredHash = header(request.headers, 'x-amz-content-sha256');
  if (declaredHash && declaredHash !== createHash('sha256').update(body).digest('hex')) {
    return refuse(
      'InvalidSignatureException',
      'The provided x-amz-content-sha256 header does not match what was computed.',
    );
  }

  const mismatch = () =>
    refuse(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  const target = parseTarget(request.path);
  // A path no client could have signed (bad percent-encoding, not a URL path) matches no signature.
  if (!target) return mismatch();
  const { url, path } = target;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = header(request.headers, name) ?? '';
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const signer = new SignatureV4({
    credentials: expected.credentials,
    region,
    service,
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const recomputed = await signer.sign(
    new HttpRequest({
      method: request.method.toUpperCase(),
      hostname: (headers.host ?? '').split(':')[0] ?? '',
      path,
      query,
      headers,
      body,
    }),
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const recomputedSignature =
    /Signature=([0-9a-f]{64})/.exec(String(recomputed.headers.authorization))?.[1] ?? '';
  const ok =
    recomputedSignature.length === signature?.length &&
    timingSafeEqual(Buffer.from(recomputedSignature), Buffer.from(signature));
  if (!ok) return mismatch();
  return { ok: true, accessKeyId: accessKeyId ?? '' };
}
