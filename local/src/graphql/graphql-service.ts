/**
 * The local AppSync stand-in, run as a child of the stack: creates the API's tables if missing,
 * bundles and loads the resolvers, and serves HTTP + real-time on one port.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IvsClient } from '@aws-sdk/client-ivs';
import { createIvsControl } from '@golive/resolvers/lambda/ivs-control';
import { join } from 'node:path';
import type { Credentials } from '../credentials';
import { ensureTables } from '../dynamodb/ensure-tables';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { apiKeyList, ensureApiKey } from './auth/api-keys';
import { createAuthenticator } from './auth/authenticate';
import { buildApi } from './build-api';
import { createConsoleSignIn } from './console/console-sign-in';
import { createGraphqlServer, GRAPHQL_PATH } from './graphql-server';
import { REALTIME_DEFAULTS } from './realtime/realtime-server';

export interface GraphqlServiceConfig extends HttpServiceConfig {
  region: string;
  accountId: string;
  credentials: Credentials;
  dynamodbEndpoint: string;
  ivsEndpoint: string;
  cognito: { endpoint: string; issuer: string; jwksUrl: string; clientId: string };
  keepAliveMs?: number;
  /** The API's environment variables (ctx.env): the deployment's quotas (resolvers/src/quotas.ts). */
  environment?: Record<string, string>;
}

export interface GraphqlServiceDetails {
  url: string;
  realtimeUrl: string;
  apiKey: string;
  consoleUrl: string;
}

export async function startGraphqlService(config: GraphqlServiceConfig) {
  const aws = { region: config.region, credentials: { ...config.credentials } };
  const dynamodb = new DynamoDBClient({ ...aws, endpoint: config.dynamodbEndpoint });
  await ensureTables(dynamodb, (line) => console.log(line));
  const ivs = new IvsClient({ ...aws, endpoint: config.ivsEndpoint });
  const cognito = new CognitoIdentityProviderClient({ ...aws, endpoint: config.cognito.endpoint });
  const keysFile = join(config.path, 'api-keys.json');
  const apiKey = ensureApiKey(keysFile);

  const api = await buildApi({
    dynamodb,
    lambdas: { 'lambda/ivs-control': createIvsControl(ivs) },
    secret: config.credentials.secretAccessKey,
    environment: config.environment,
  });
  const authenticate = createAuthenticator({
    region: config.region,
    apiKeys: apiKeyList(keysFile),
    cognito: {
      issuer: config.cognito.issuer,
      jwksUrl: config.cognito.jwksUrl,
      clientIds: [config.cognito.clientId],
    },
    iam: { credentials: config.credentials, accountId: config.accountId },
  });
  const { server } = createGraphqlServer({
    api,
    authenticate,
    realtime: { ...REALTIME_DEFAULTS, keepAliveMs: config.keepAliveMs ?? REALTIME_DEFAULTS.keepAliveMs },
    signIn: createConsoleSignIn(cognito, config.cognito.clientId),
  });
  const running = await listenHttp(server, config);
  const url = `${running.details.endpoint}${GRAPHQL_PATH}`;
  return {
    details: {
      url,
      realtimeUrl: `${url.replace(/^http/, 'ws')}/realtime`,
      apiKey: apiKey.id,
      consoleUrl: url,
    } satisfies GraphqlServiceDetails,
    stop: async () => {
      server.closeAllConnections();
      await running.stop();
      for (const client of [dynamodb, ivs, cognito]) client.destroy();
    },
  };
}

if (require.main === module)
  runService('graphql', () => startGraphqlService(serviceArgument<GraphqlServiceConfig>()));
