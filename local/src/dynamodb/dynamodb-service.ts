/**
 * DynamoDB API on loopback: dynalite with its tables in LevelDB on disk, so data survives restarts,
 * behind DynamoDB's own checks (sigv4-gate.ts): only the stack's credentials get in.
 * Runs as a child of the stack (see process/run-service.ts).
 */
import dynalite from 'dynalite';
import type { RequestListener } from 'node:http';
import type { Credentials } from '../credentials';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { requireSigV4 } from './sigv4-gate';

export interface DynamodbServiceConfig extends HttpServiceConfig {
  region: string;
  /** The only credentials DynamoDB accepts: the stack's. */
  credentials: Credentials;
}

runService('dynamodb', () => {
  const config = serviceArgument<DynamodbServiceConfig>();
  // Tables become ACTIVE at once: local start-up and tests need not wait out AWS's provisioning.
  const server = dynalite({ path: config.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // dynalite's own server, so that closing it closes its LevelDB; its handler runs once a request passed.
  const [dynaliteHandler] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', requireSigV4(dynaliteHandler!, config));
  return listenHttp(server, config);
});
