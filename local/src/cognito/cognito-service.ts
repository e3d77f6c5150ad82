/**
 * Cognito user pools API on loopback: cognito-local, with its pools and users stored as JSON under
 * the data folder, behind a gate that lets through only what Cognito would (cognito-gate.ts) and
 * with the corrections of cognito-compat.ts. Runs as a child of the stack (see process/run-service.ts).
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type RequestListener } from 'node:http';
import type { Credentials } from '../credentials';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { withCognitoCompat } from './cognito-compat';
import { withCognitoGate } from './cognito-gate';
import { fixTargets } from './target-fixes';
import { deliverMessagesTo, OUTBOX_FILE } from './outbox';
import { joinSelfSignUpGroup } from './post-confirmation';
import { loadOrCreateSigningKey } from './signing-key';
import { signTokensWith } from './token-signing';

export interface CognitoServiceConfig extends HttpServiceConfig {
  region: string;
  /** The stack's IAM credentials: IAM-authorized actions must be signed with them. */
  credentials: Credentials;
}

runService('cognito', async () => {
  const config = serviceArgument<CognitoServiceConfig>();
  const { host, port, path, region, credentials } = config;
  // cognito-local reads HOST and PORT when its modules load (they also make the tokens' issuer).
  process.env.HOST = host;
  process.env.PORT = String(port);
  // cognito-local still uses AWS SDK v2 (for Lambda triggers, unused here); its end-of-support notice is noise.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  // Users (with cognito-local's plain-text passwords), the outbox's codes and the signing key: owner-only.
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
  const key = await loadOrCreateSigningKey(path);
  // cognito-local keeps its state in `.cognito/` under the working folder.
  process.chdir(path);
  const [
    { createDefaultServer },
    { default: pino },
    { ConsoleMessageSender },
    { JwtTokenGenerator },
    { Targets },
  ] = await Promise.all([
    import('cognito-local/lib/server'),
    import('pino'),
    import('cognito-local/lib/services/messageDelivery/consoleMessageSender'),
    import('cognito-local/lib/services/tokenGenerator'),
    import('cognito-local/lib/targets/targets'),
  ]);
  deliverMessagesTo(join(path, OUTBOX_FILE), ConsoleMessageSender);
  signTokensWith(JwtTokenGenerator, key);
  fixTargets(Targets);
  // Errors only: at lower levels cognito-local logs request bodies (passwords included), and at
  // warn every expected "user not found" while the stack seeds the pool.
  const server = await createDefaultServer(pino({ level: 'error' }));
  const self = new CognitoIdentityProviderClient({
    endpoint: `http://${host}:${port}`,
    region,
    credentials: { ...credentials },
  });
  const app = withCognitoCompat(server.application as RequestListener, ({ ClientId, Username }) =>
    joinSelfSignUpGroup(self, ClientId, Username),
  );
  const listening = await listenHttp(
    createServer(withCognitoGate(app, { credentials, region, key, issuerDomain: `http://${host}:${port}` })),
    config,
  );
  return {
    details: listening.details,
    stop: async () => {
      self.destroy();
      await listening.stop();
    },
  };
});
