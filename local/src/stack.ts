/**
 * Starts the local stack: each service as a child process, then the Cognito seed, then
 * `local-stack.json`. Stopping reverses the order and leaves nothing running.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { quotaEnvironment } from '@golive/resolvers/quotas';
import { DEMO_USERS, withRandomPasswords } from './cognito/demo-users';
import { EventDelivery } from './events/event-delivery';
import { taskStopped } from './events/task-events';
import { ensureUserPool } from './cognito/user-pool';
import type { LocalConfig } from './config';
import { LOCAL_ACCOUNT_ID, loadOrCreateCredentials } from './credentials';
import type { GraphqlServiceConfig, GraphqlServiceDetails } from './graphql/graphql-service';
import type { IvsServiceConfig, IvsServiceDetails } from './ivs/ivs-service';
import type { TranswrapServiceConfig } from './transwrap/transwrap-service';
import type { AppServiceConfig } from './app/app-service';
import type { CognitoServiceConfig } from './cognito/cognito-service';
import { OUTBOX_FILE } from './cognito/outbox';
import { freePort } from './free-port';
import type { DynamodbServiceConfig } from './dynamodb/dynamodb-service';
import type { HttpServiceDetails } from './process/run-service';
import { RestartingService } from './process/restarting-service';
import { acquireStackLock } from './stack-lock';
import { removeStackInfo, writeStackInfo, type LocalStackInfo } from './stack-info';
import { caFingerprint } from './lan/trust-page';
import { settleLanOrigin } from './lan/lan-origin';
import { urlHost } from './lan/lan-address';
import { startLanGateway, type RunningLanGateway } from './lan/lan-gateway';
import { repointPlaybackUrls } from './lan/playback-urls';

type TranswrapDetails = LocalStackInfo['transwrap'][number];

export interface RunningStack {
  info: LocalStackInfo;
  stop(): Promise<void>;
  /** Settles when a service could not be kept running and the stack stopped itself; says which. */
  failed: Promise<string>;
}

interface ServiceOptions<Details> {
  /** The config of each run; a restart gets the same unless this says otherwise. */
  config: (run: number) => unknown;
  onUnexpectedExit?: (how: string, details: Details) => void;
  onRestarted?: (details: Details) => void;
}

/**
 * The data folder holds the stack's IAM secret, stream keys, tokens' signing keys and users: only
 * its owner may enter it, whatever the files inside were created with. A shared folder given as
 * LOCAL_DATA_DIR (sticky, like /tmp, or someone else's) is left as it is.
 */
function keepPrivate(dataDir: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { uid, mode } = statSync(dataDir);
  if (uid === process.getuid?.() && (mode & 0o1000) === 0) chmodSync(dataDir, 0o700);
}

export async function startStack(config: LocalConfig, log: (line: string) => void): Promise<RunningStack> {
  keepPrivate(config.dataDir);
  const releaseLock = acquireStackLock(config.dataDir);
  const services: RestartingService<unknown>[] = [];
  let gateway: RunningLanGateway | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      removeStackInfo(config.dataDir);
      await gateway?.stop();
      for (const service of [...services].reverse()) await service.stop();
      releaseLock();
    })());
  let reportFailure: (reason: string) => void = () => undefined;
  const failed = new Promise<string>((resolve) => (reportFailure = resolve));
  const giveUp = (reason: string) => {
    log(`Stopping the local stack: ${reason}.`);
    void stop().then(() => reportFailure(reason));
  };

  /** Starts a child service that the stack restarts when it dies unexpectedly. */
  function service<Details>(name: string, entry: string, options: ServiceOptions<Details>) {
    if (stopped) throw new Error(`the stack is stopping; ${name} was not started`);
    const child = new RestartingService<Details>({
      name,
      entry: join(__dirname, entry),
      startTimeoutMs: config.startTimeoutMs,
      log,
      onGiveUp: giveUp,
      ...options,
    });
    services.push(child as RestartingService<unknown>);
    return child.start();
  }
  /** The same config for every run: the service comes back on the same port with the same facts. */
  const always =
    <T>(serviceConfig: T) =>
    () =>
      serviceConfig;

  let published: LocalStackInfo | undefined;
  /** local-stack.json stays true when a restarted service reports new facts (transwrap's task). */
  const republish = () => {
    if (published && !stopped) writeStackInfo(published);
  };

  const port = async (configured: number) => configured || (await freePort(config.host));

  try {
    const credentials = loadOrCreateCredentials(config.dataDir);
    // LAN mode: phones reach one HTTPS origin on the network (lan/), the services stay on loopback.
    const lan = config.lan && (await settleLanOrigin(config.lan, config.dataDir));
    const graphqlPort = await port(config.ports.graphql);
    const appPort = await port(config.ports.app);
    const appUrl = lan?.appUrl ?? `http://${config.host}:${appPort}/`;
    const demoUsers = lan ? withRandomPasswords(DEMO_USERS) : DEMO_USERS;
    const [dynamodb, cognito, ivs] = await Promise.all([
      config.dynamodbEndpoint
        ? { endpoint: config.dynamodbEndpoint }
        : service<HttpServiceDetails>('dynamodb', 'dynamodb/dynamodb-service.ts', {
            config: always({
              host: config.host,
              port: await port(config.ports.dynamodb),
              path: join(config.dataDir, 'dynamodb'),
              region: config.region,
              credentials,
            } satisfies DynamodbServiceConfig),
          }),
      service<HttpServiceDetails>('cognito', 'cognito/cognito-service.ts', {
        config: always({
          host: config.host,
          port: await port(config.ports.cognito),
          path: join(config.dataDir, 'cognito'),
          region: config.region,
          credentials,
        } satisfies CognitoServiceConfig),
      }),
      service<IvsServiceDetails>('ivs', 'ivs/ivs-service.ts', {
        config: always({
          host: config.host,
          port: await port(config.ports.ivs),
          path: join(config.dataDir, 'ivs'),
          region: config.region,
          credentials,
          rtmpPort: await port(config.ports.rtmp),
          rtmpsPort: await port(config.ports.rtmps),
          // The API starts after IVS (it needs IVS's endpoint); events wait for it by retrying.
          graphqlUrl: `http://${config.host}:${graphqlPort}/graphql`,
          playbackOrigin: lan?.origin,
        } satisfies IvsServiceConfig),
      }),
    ]);

    const cognitoClient = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: config.region,
      // A copy: the SDK annotates the object it is given, and `credentials` goes into local-stack.json.
      credentials: { ...credentials },
    });
    const pool = await ensureUserPool(cognitoClient, demoUsers);
    cognitoClient.destroy();
    const issuer = `${cognito.endpoint}/${pool.userPoolId}`;
    const jwksUrl = `${issuer}/.well-known/jwks.json`;

    const graphql = await service<GraphqlServiceDetails>('graphql', 'graphql/graphql-service.ts', {
      config: always({
        host: config.host,
        port: graphqlPort,
        path: join(config.dataDir, 'graphql'),
        region: config.region,
        accountId: LOCAL_ACCOUNT_ID,
        credentials,
        dynamodbEndpoint: dynamodb.endpoint,
        ivsEndpoint: ivs.endpoint,
        cognito: { endpoint: cognito.endpoint, issuer, jwksUrl, clientId: pool.clientId },
        keepAliveMs: config.keepAliveMs,
        environment: quotaEnvironment(config.quotas),
      } satisfies GraphqlServiceConfig),
    });

    const dynamodbClient = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: config.region,
      credentials: { ...credentials },
    });
    const repointed = await repointPlaybackUrls(dynamodbClient, new URL(ivs.hlsBaseUrl).origin);
    dynamodbClient.destroy();
    if (repointed > 0) log(`[ivs] ${repointed} channel(s) now play from ${new URL(ivs.hlsBaseUrl).origin}`);

    // The stack runs transwrap as ECS runs its tasks: one that dies is reported as a stopped task,
    // through the same EventBridge rule as in AWS, so its endpoint leaves the registry; then a
    // replacement task starts under a new endpoint id (and, with free ports, a new address) and
    // registers itself, as a new Fargate task would.
    const taskEvents = new EventDelivery(
      { graphqlUrl: graphql.url, region: config.region, credentials },
      (line) => log(`[events] ${line}`),
    );
    const transwrap: TranswrapDetails[] = [];
    const transwrapConfig = async (index: number, run: number): Promise<TranswrapServiceConfig> => ({
      env: {
        HOST: config.host,
        PORT: String(config.ports.transwrap ? config.ports.transwrap + index : await freePort(config.host)),
        ENDPOINT_ID: `tw-local-${index + 1}${run > 1 ? `-${run}` : ''}`,
        API_URL: graphql.url,
        COGNITO_ISSUER: issuer,
        COGNITO_CLIENT_IDS: pool.clientId,
        AWS_REGION: config.region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        DRAIN_DEADLINE_MS: '3000',
        // Browsers stream from the PWA's pages only; Node clients (tests) send no Origin.
        ALLOWED_ORIGINS: new URL(appUrl).origin,
        // Behind LAN mode's origin, which says in X-Forwarded-For which phone is connecting.
        ...(lan ? { PUBLIC_URL: lan.ingestUrl(index), TRUSTED_PROXY_HOPS: '1' } : {}),
      },
    });
    // transwrap registers itself with the API, so it starts once the API answers.
    await Promise.all(
      Array.from({ length: config.transwrapInstances }, async (_, index) => {
        transwrap[index] = await service<TranswrapDetails>(
          `transwrap-${index + 1}`,
          'transwrap/transwrap-service.ts',
          {
            config: (run) => transwrapConfig(index, run),
            onUnexpectedExit: (how, task) =>
              void taskEvents.deliver(
                taskStopped(task.id, how, { region: config.region, accountId: LOCAL_ACCOUNT_ID }),
              ),
            onRestarted: (task) => {
              transwrap[index] = task;
              republish();
            },
          },
        );
      }),
    );

    const app = await service<HttpServiceDetails>('app', 'app/app-service.ts', {
      config: always({
        host: config.host,
        port: appPort,
        path: join(config.dataDir, 'app'),
        dist: config.appDir,
        facts: {
          region: config.region,
          graphql: lan ? { ...graphql, url: lan.graphqlUrl, realtimeUrl: lan.realtimeUrl } : graphql,
          cognito: {
            endpoint: lan?.cognitoEndpoint ?? cognito.endpoint,
            userPoolId: pool.userPoolId,
            clientId: pool.clientId,
          },
          ...(lan ? { network: { appUrl: lan.appUrl, trustPageUrl: lan.trustPageUrl } } : {}),
        },
        // Besides the stack's own instances, any on its host: tests and benchmarks start their own
        // beside it (behind a fault-injecting proxy, say). In LAN mode pages use the one origin only.
        ingestUrls: [
          ...transwrap.map((instance) => instance.url),
          ...(lan ? [] : [`ws://${urlHost(config.host)}/ingest`]),
        ],
        playbackUrl: ivs.hlsBaseUrl,
      } satisfies AppServiceConfig),
    });

    if (lan)
      gateway = await startLanGateway({
        address: lan.address,
        httpsPort: lan.httpsPort,
        httpPort: lan.httpPort,
        tls: lan.certificates,
        upstreams: {
          app: app.endpoint,
          graphql: new URL(graphql.url).origin,
          cognito: cognito.endpoint,
          ivs: ivs.endpoint,
          transwrap: () => transwrap.map((instance) => new URL(instance.healthUrl).origin),
        },
        trust: { caCertificate: lan.certificates.caCertificate, appUrl: lan.appUrl },
      });

    const info: LocalStackInfo = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      dataDir: config.dataDir,
      region: config.region,
      credentials,
      dynamodb,
      cognito: {
        endpoint: cognito.endpoint,
        ...pool,
        issuer,
        jwksUrl,
        outbox: join(config.dataDir, 'cognito', OUTBOX_FILE),
      },
      graphql,
      ivs,
      transwrap,
      app: { url: lan?.appUrl ?? `${app.endpoint}/` },
      ...(lan && {
        lan: {
          address: lan.address,
          appUrl: lan.appUrl,
          trustPageUrl: lan.trustPageUrl,
          caCertificate: lan.certificates.caCertificatePath,
          caFingerprint: caFingerprint(lan.certificates.caCertificate),
          certificateNames: lan.certificateNames,
        },
      }),
      demoUsers: demoUsers.map((user) => ({ ...user, groups: [...user.groups] })),
    };
    published = info;
    writeStackInfo(info);
    return { info, stop, failed };
  } catch (error) {
    await stop();
    throw error;
  }
}
