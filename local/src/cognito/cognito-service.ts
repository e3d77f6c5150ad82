/**
 * Cognito user pools API on loopback: cognito-local, with its pools and users stored as JSON under
 * the data folder. Runs as a child of the stack (see process/run-service.ts).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { withCognitoCompat } from './cognito-compat';

runService('cognito', async () => {
  const config = serviceArgument<HttpServiceConfig>();
  const { host, port, path } = config;
  // cognito-local reads HOST and PORT when its modules load (they also make the tokens' issuer).
  process.env.HOST = host;
  process.env.PORT = String(port);
  // cognito-local still uses AWS SDK v2 (for Lambda triggers, unused here); its end-of-support notice is noise.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  mkdirSync(path, { recursive: true });
  // cognito-local keeps its state in `.cognito/` under the working folder.
  process.chdir(path);
  const [{ createDefaultServer }, { default: pino }] = await Promise.all([
    import('cognito-local/lib/server'),
    import('pino'),
  ]);
  // Errors only: at lower levels cognito-local logs request bodies (passwords included), and at
  // warn every expected "user not found" while the stack seeds the pool.
  const server = await createDefaultServer(pino({ level: 'error' }));
  return listenHttp(createServer(withCognitoCompat(server.application as RequestListener)), config);
});
