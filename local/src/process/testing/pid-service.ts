/**
 * The smallest service the stack could run, for tests of how services are run: it answers every
 * request with its pid and the config it was given, and refuses to start when its config says so.
 */
import { createServer } from 'node:http';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../run-service';

export interface PidServiceConfig extends HttpServiceConfig {
  failToStart?: boolean;
  note?: string;
}

runService('pid-service', async () => {
  const config = serviceArgument<PidServiceConfig>();
  if (config.failToStart) throw new Error('told to fail');
  const server = createServer((_request, response) =>
    response.end(
      JSON.stringify({
        pid: process.pid,
        note: config.note,
        argv: process.argv.slice(2),
      }),
    ),
  );
  return listenHttp(server, config);
});
