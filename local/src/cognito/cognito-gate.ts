/**
 * What stands in front of cognito-local, so that only what Cognito would let through reaches it:
 * - the surface of Cognito's API endpoint only: `POST /` (the JSON API), browsers' preflights, and
 *   the pool's `/.well-known/` documents (served here, from the stack's own key); nothing else
 *   (cognito-local would also serve a hosted UI and `/oauth2/*`, which live on a pool's domain);
 * - IAM-authorized actions (everything but public-actions.ts) only with a SigV4 signature made with
 *   the stack's credentials (service `cognito-idp`), refused as Cognito refuses them;
 * - an `AccessToken` only if this stack signed it: cognito-local merely decodes it, so any
 *   hand-made token would read or change the account it names;
 * - CORS as Cognito answers it: any origin may call (the API is public); only a signature lets a
 *   call reach the IAM-authorized actions, and a web page does not have the stack's secret.
 * The body is read once here (bounded) and handed to cognito-local's express app already parsed.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { verifySigV4, type SigV4Credentials } from '../aws/sigv4';
import { needsSigV4 } from './public-actions';
import type { SigningKey } from './signing-key';
import { checkAccessToken } from './token-signing';

/** cognito-local's own body parser allowed 100 kB; Cognito's requests are small JSON documents. */
export const MAX_BODY_BYTES = 100 * 1024;

const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
const WELL_KNOWN = /^\/([\w-]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

export interface GateConfig {
  credentials: SigV4Credentials;
  region: string;
  key: SigningKey;
  /** `http://host:port`: tokens' issuer is this followed by `/<user pool id>`. */
  issuerDomain: string;
}

/** The action named by `x-amz-target`, read exactly as cognito-local reads it. */
export function actionOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-amz-target'];
  return typeof header === 'string' ? header.split('.')[1] : undefined;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}

const refuse = (res: ServerResponse, status: number, type: string, message: string) =>
  send(res, status, { __type: type, message }, type);

/** Cognito's CORS answers (seen from cognito-idp.<region>.amazonaws.com): any origin, POST only. */
function corsHeaders(req: IncomingMessage, res: ServerResponse) {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  res.setHeader('x-amzn-requestid', randomUUID());
  if (req.method !== 'OPTIONS') return;
  res.setHeader('access-control-allow-methods', 'POST');
  const asked = req.headers['access-control-request-headers'];
  if (asked) res.setHeader('access-control-allow-headers', asked);
  res.setHeader('access-control-max-age', '172800');
}

/** The whole body, or undefined once it passes the limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Once over the limit it has resolved: later chunks are dropped and 'end' changes nothing.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return chunks.push(chunk);
      chunks.length = 0;
      resolve(undefined);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serveWellKnown(res: ServerResponse, config: GateConfig, poolId: string, document: string) {
  const issuer = `${config.issuerDomain}/${poolId}`;
  if (document === 'jwks.json') return send(res, 200, { keys: [config.key.publicJwk] });
  return send(res, 200, {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: [config.key.publicJwk.alg],
    subject_types_supported: ['public'],
  });
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  if (!body.length) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Answers what Cognito would refuse (false); otherwise sets `req.body` for cognito-local (true). */
async function admit(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  config: GateConfig,
): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'OPTIONS') {
    res.writeHead(200, { 'content-length': 0 }).end();
    return false;
  }
  const wellKnown = req.method === 'GET' ? WELL_KNOWN.exec(path) : null;
  if (wellKnown) {
    serveWellKnown(res, config, wellKnown[1]!, wellKnown[2]!);
    return false;
  }
  if (req.method !== 'POST' || path !== '/') {
    send(res, 404, { message: 'Not Found' });
    return false;
  }
  const body = await readBody(req);
  if (!body) {
    res.setHeader('connection', 'close');
    refuse(
      res,
      413,
      'RequestEntityTooLargeException',
      `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
    );
    return false;
  }
  const action = actionOf(req);
  if (action !== undefined && needsSigV4(action)) {
    const signature = await verifySigV4(
      { method: 'POST', path: req.url ?? '/', headers: req.headers, body },
      { credentials: config.credentials, region: config.region, service: 'cognito-idp' },
    );
    if (!signature.ok) {
      refuse(res, 400, signature.errorType, signature.message);
      return false;
    }
  }
  const parsed = parseObject(body);
  if (!parsed) {
    refuse(res, 400, 'SerializationException', 'The request body is not a JSON object.');
    return false;
  }
  const accessToken = parsed.AccessToken;
  if (accessToken !== undefined) {
    const token =
      typeof accessToken === 'string' ? await checkAccessToken(accessToken, config.key) : undefined;
    if (!token?.ok) {
      refuse(res, 400, 'NotAuthorizedException', token?.problem ?? 'Invalid Access Token');
      return false;
    }
  }
  // body-parser (in cognito-local's app) leaves a request whose stream has ended as it is.
  req.body = parsed;
  return true;
}

export function withCognitoGate(app: RequestListener, config: GateConfig): RequestListener {
  return (req, res) => {
    corsHeaders(req, res);
    admit(req, res, config).then(
      (admitted) => {
        if (admitted) app(req, res);
      },
      (error: unknown) => {
        console.error('cognito: request failed before cognito-local:', error);
        if (!res.headersSent) refuse(res, 500, 'InternalErrorException', 'Internal error.');
      },
    );
  };
}
