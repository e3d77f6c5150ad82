/**
 * An HTTP relay between a transwrap process and the API, for tests that act while transwrap waits
 * on one answer: the answers to an operation can be held (the API has done its work, transwrap has
 * not heard yet) and let go, or replaced by a failure, as an API outage would look. Requests pass
 * unchanged (Host included), so their SigV4 signatures still verify at the API.
 */
import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ApiGate {
  /** The GraphQL URL to give transwrap (API_URL). */
  url: string;
  /** From now on, answers to `operationName` wait until `release`. */
  hold(operationName: string): void;
  /** Resolves once an answer to the held operation has come back from the API and is waiting. */
  holding(): Promise<void>;
  /** Sends the held answers on, and lets later ones through. */
  release(): void;
  /** From now on, `operationName` gets an HTTP 503 without reaching the API. */
  fail(operationName: string): void;
  /** `operationName` reaches the API again. */
  pass(operationName: string): void;
  /** How many requests for `operationName` went through the gate (held, failed or passed). */
  count(operationName: string): number;
  close(): Promise<void>;
}

export async function startApiGate(apiUrl: string): Promise<ApiGate> {
  const target = new URL(apiUrl);
  const failing = new Set<string>();
  const counts = new Map<string, number>();
  let held: string | undefined;
  let waiting: (() => void)[] = [];
  let heldOne: () => void = () => undefined;
  let holding = new Promise<void>((resolve) => (heldOne = resolve));

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const { operationName = '' } = JSON.parse(body.toString() || '{}') as { operationName?: string };
      counts.set(operationName, (counts.get(operationName) ?? 0) + 1);
      const answer = ({ status, headers, body: answerBody }: Answer) => {
        outgoing.writeHead(status, headers);
        outgoing.end(answerBody);
      };
      if (failing.has(operationName)) return answer({ status: 503, headers: {}, body: Buffer.from('') });
      const upstream = request(
        { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (chunk: Buffer) => parts.push(chunk));
          response.on('end', () => {
            const result = {
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(parts),
            };
            if (held !== operationName) return answer(result);
            waiting.push(() => answer(result));
            heldOne();
          });
        },
      );
      for (const [name, value] of Object.entries(incoming.headers))
        if (value !== undefined) upstream.setHeader(name, value);
      upstream.on('error', () => answer({ status: 502, headers: {}, body: Buffer.from('') }));
      upstream.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    hold(operationName) {
      held = operationName;
      holding = new Promise<void>((resolve) => (heldOne = resolve));
    },
    holding: () => holding,
    release() {
      held = undefined;
      const answers = waiting;
      waiting = [];
      answers.forEach((send) => send());
    },
    fail: (operationName) => failing.add(operationName),
    pass: (operationName) => failing.delete(operationName),
    count: (operationName) => counts.get(operationName) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
