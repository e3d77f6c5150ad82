/**
 * What DynamoDB checks before it looks at a request, in front of dynalite (which accepts any
 * credentials): a body within DynamoDB's 16 MB request limit, refused by its Content-Length or as
 * it streams in, before it is buffered; then a SigV4 signature (service `dynamodb`) made with the
 * stack's credentials. Refusals carry DynamoDB's own error types, status and messages.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { verifySigV4, type SigV4Credentials, type SigV4ErrorType } from '../aws/sigv4';
import { closeAfterAnswer, readBody, RefusedBody } from '../process/request-body';

/** DynamoDB's (and dynalite's) limit on one request. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** DynamoDB answers every authentication failure with 400, unlike most AWS services (403). */
const MESSAGES: Partial<Record<SigV4ErrorType, string>> = {
  MissingAuthenticationTokenException: 'Request is missing Authentication Token',
};

function answer(response: ServerResponse, status: number, body?: { __type: string; message: string }) {
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': randomBytes(39).toString('base64url').toUpperCase().slice(0, 52),
  });
  response.end(body ? JSON.stringify(body) : undefined);
}

/** The request again, for a handler that reads its body as a stream, with the body already read. */
function replay(request: IncomingMessage, body: Buffer): IncomingMessage {
  const { method, url, headers } = request;
  return Object.assign(Readable.from(body.length > 0 ? [body] : []), { method, url, headers }) as never;
}

export function requireSigV4(
  handler: RequestListener,
  expected: { credentials: SigV4Credentials; region: string },
): RequestListener {
  return (request, response) => {
    void (async () => {
      let body: Buffer;
      try {
        body = await readBody(request, MAX_REQUEST_BYTES);
      } catch (error) {
        if (!(error instanceof RefusedBody)) throw error;
        // Too large: 413 with no body, as DynamoDB does; a body that breaks off is a bad request.
        closeAfterAnswer(request, response);
        return answer(response, error.status);
      }
      // DynamoDB answers its health check and CORS preflights without credentials.
      if (request.method !== 'GET' && request.method !== 'OPTIONS') {
        const verdict = await verifySigV4(
          { method: request.method ?? '', path: request.url ?? '/', headers: request.headers, body },
          { ...expected, service: 'dynamodb' },
        );
        if (!verdict.ok) {
          return answer(response, 400, {
            __type: `com.amazon.coral.service#${verdict.errorType}`,
            message: MESSAGES[verdict.errorType] ?? verdict.message,
          });
        }
      }
      // dynalite gets the body already read, never the connection: a client that breaks off
      // cannot throw in it.
      handler(replay(request, body), response);
    })().catch((error: unknown) => {
      // A fault of ours is DynamoDB's 500, not the end of the process.
      console.error('dynamodb: unexpected error', error);
      if (!response.headersSent) {
        answer(response, 500, {
          __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
          message: 'Internal server error',
        });
      }
    });
  };
}
