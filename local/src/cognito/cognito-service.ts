/**
 * Cognito user pools API on loopback: cognito-local, with its pools and users stored as JSON under
 * the data folder. Runs as a child of the stack (see process/run-service.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type RequestListener } from 'node:http';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { withCognitoCompat } from './cognito-compat';
import { deliverMessagesTo, OUTBOX_FILE } from './outbox';
import { joinSelfSignUpGroup } from './post-confirmation';

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
  const [{ createDefaultServer }, { default: pino }, { ConsoleMessageSender }] = await Promise.all([
    import('cognito-local/lib/server'),
    import('pino'),
    import('cognito-local/lib/services/messageDelivery/consoleMessageSender'),
  ]);
  // Errors only: at lower levels cognito-local logs request bodies (passwords included), and at
  // warn every expected "user not found" while the stack seeds the pool.
  deliverMessagesTo(join(path, OUTBOX_FILE), ConsoleMessageSender);
  const server = await createDefaultServer(pino({ level: 'error' }));
  const call = async (target: string, body: Record<string, unknown>) => {
    const response = await fetch(`${listening.details.endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${target}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const app = withCognitoCompat(server.application as RequestListener, ({ ClientId, Username }) =>
    joinSelfSignUpGroup(call, ClientId, Username),
  );
  const listening = await listenHttp(createServer(app), config);
  return listening;
});
