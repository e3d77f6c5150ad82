/**
 * DynamoDB as an operator watches it: a real dynalite (in memory) behind a pass-through that counts
 * the requests by operation, as the table's CloudWatch metrics would. A stack started with
 * `DYNAMODB_ENDPOINT: counter.endpoint` uses it instead of its own dynalite.
 */
import dynalite from 'dynalite';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DynamodbRequestCounter {
  endpoint: string;
  /** Requests of this operation (`Query`, `GetItem`, ...) since the last reset. */
  count(operation: string): number;
  reset(): void;
  stop(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startDynamodbRequestCounter(): Promise<DynamodbRequestCounter> {
  const database = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const databasePort = await listen(database);
  const counts = new Map<string, number>();
  const front = createServer((incoming, outgoing) => {
    // X-Amz-Target: DynamoDB_20120810.<Operation>
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const forwarded = request(
      {
        host: '127.0.0.1',
        port: databasePort,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  const frontPort = await listen(front);
  return {
    endpoint: `http://127.0.0.1:${frontPort}`,
    count: (operation) => counts.get(operation) ?? 0,
    reset: () => counts.clear(),
    async stop() {
      front.closeAllConnections();
      database.closeAllConnections();
      await Promise.all([close(front), close(database)]);
    },
  };
}
