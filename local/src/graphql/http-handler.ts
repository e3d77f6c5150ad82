/**
 * POST /graphql, as AppSync answers it: auth first (401/403 with errorType), then the operation
 * (200 with data and AppSync-shaped errors). Subscriptions are refused here: they use the
 * real-time endpoint. Bodies over 1 MB are refused, as AppSync limits request size.
 */
import { OperationTypeNode } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthError } from './auth/auth-error';
import type { Authenticator } from './auth/authenticate';
import { requestError } from './errors';
import type { GraphqlApi, RequestMeta } from './graphql-api';

export const MAX_BODY_BYTES = 1024 * 1024;

export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, x-api-key, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-max-age': '86400',
};

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...CORS_HEADERS });
  response.end(JSON.stringify(body));
}

export function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

interface GraphqlRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

function parseRequestBody(text: string): GraphqlRequestBody | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'The request body is not valid JSON.';
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return 'The request body must be a JSON object.';
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || !query.trim()) return 'The request body needs a "query" string.';
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables)))
    return '"variables" must be an object.';
  if (operationName != null && typeof operationName !== 'string') return '"operationName" must be a string.';
  return body as GraphqlRequestBody;
}

export function createGraphqlHandler(api: GraphqlApi, authenticate: Authenticator) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let text: string;
    try {
      text = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return send(
          response,
          413,
          requestError('PayloadTooLargeException', 'The request is larger than 1 MB.'),
        );
      throw error;
    }
    const headers = flatHeaders(request);
    let caller;
    try {
      caller = await authenticate({
        headers,
        method: request.method ?? 'POST',
        path: request.url ?? '/graphql',
        body: text,
      });
    } catch (error) {
      if (error instanceof AuthError)
        return send(response, error.status, requestError(error.errorType, error.message));
      throw error;
    }
    const body = parseRequestBody(text);
    if (typeof body === 'string')
      return send(response, 400, requestError('MalformedHttpRequestException', body));
    const prepared = api.prepare(body.query, body.operationName);
    if (!prepared.ok) return send(response, 200, prepared.response);
    if (prepared.operation.operation === OperationTypeNode.SUBSCRIPTION) {
      return send(
        response,
        400,
        requestError(
          'UnsupportedOperation',
          'Subscriptions are served over the real-time WebSocket endpoint (/graphql/realtime).',
        ),
      );
    }
    const meta: RequestMeta = { headers, sourceIp: request.socket.remoteAddress ?? '', domainName: null };
    send(response, 200, await api.execute(prepared, body.variables ?? undefined, caller, meta));
  };
}
