/**
 * DynamoDB API on loopback: dynalite with its tables in LevelDB on disk, so data survives restarts.
 * Runs as a child of the stack (see process/run-service.ts).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { runService, serviceArgument } from '../process/run-service';

export interface DynamoDbServiceConfig {
  host: string;
  port: number;
  path: string;
}

export interface DynamoDbServiceDetails {
  endpoint: string;
}

runService<DynamoDbServiceDetails>('dynamodb', async () => {
  const { host, port, path } = serviceArgument<DynamoDbServiceConfig>();
  // Tables become ACTIVE at once: local start-up and tests need not wait out AWS's provisioning.
  const server: Server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    details: { endpoint: `http://${host}:${address.port}` },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
