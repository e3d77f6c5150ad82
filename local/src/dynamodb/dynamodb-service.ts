/**
 * DynamoDB API on loopback: dynalite with its tables in LevelDB on disk, so data survives restarts.
 * Runs as a child of the stack (see process/run-service.ts).
 */
import dynalite from 'dynalite';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';

runService('dynamodb', () => {
  const config = serviceArgument<HttpServiceConfig>();
  // Tables become ACTIVE at once: local start-up and tests need not wait out AWS's provisioning.
  const server = dynalite({ path: config.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  return listenHttp(server, config);
});
