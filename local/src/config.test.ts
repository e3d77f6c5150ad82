import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { readmeSettings } from '@golive/common/settings/readme-table';
import { QUOTA_VARIABLES } from '@golive/resolvers/quotas';
import { ConfigError, DEFAULTS, loadConfig } from './config';

describe('the settings table in local/README.md', () => {
  const rows = readmeSettings(readFileSync(join(__dirname, '..', 'README.md'), 'utf8'));

  test('lists every variable the stack reads, with the default the code uses', () => {
    expect(Object.fromEntries(rows.map((row) => [row.name, row.default]))).toEqual(DEFAULTS);
  });
});

describe('loadConfig', () => {
  test('with nothing set: loopback, .data under the repository, the documented ports', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      dataDir: join(REPO_ROOT, '.data'),
      appDir: join(REPO_ROOT, 'app', 'dist'),
      region: 'us-east-1',
      ports: {
        dynamodb: 8000,
        cognito: 9229,
        graphql: 4000,
        ivs: 4100,
        rtmp: 1935,
        rtmps: 4443,
        transwrap: 8090,
        app: 8080,
      },
      dynamodbEndpoint: undefined,
      startTimeoutMs: 60000,
      keepAliveMs: 60000,
      transwrapInstances: 1,
      quotas: {
        channelsPerSeller: 20,
        liveBroadcastsPerSeller: 2,
        liveHoursPerMonth: 100,
        chatRetentionHours: 168,
      },
    });
  });

  test('reads each quota from the variable a deployment sets it with, which the resolvers read too', () => {
    const env = {
      [QUOTA_VARIABLES.channelsPerSeller]: '3',
      [QUOTA_VARIABLES.liveBroadcastsPerSeller]: '1',
      [QUOTA_VARIABLES.liveHoursPerMonth]: '0',
      [QUOTA_VARIABLES.chatRetentionHours]: '24',
    };
    expect(loadConfig(env).quotas).toEqual({
      channelsPerSeller: 3,
      liveBroadcastsPerSeller: 1,
      liveHoursPerMonth: 0,
      chatRetentionHours: 24,
    });
    expect(() => loadConfig({ [QUOTA_VARIABLES.chatRetentionHours]: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ [QUOTA_VARIABLES.liveHoursPerMonth]: 'many' })).toThrow(
      new ConfigError('GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH=many must be a whole number, 0 or more.'),
    );
  });

  test('takes absolute folders as they are and port 0 as "pick one"', () => {
    const config = loadConfig({
      LOCAL_DATA_DIR: '/tmp/x',
      APP_DIR: '/tmp/y',
      DYNAMODB_PORT: '0',
      COGNITO_PORT: '0',
      GRAPHQL_PORT: '0',
      IVS_PORT: '0',
      IVS_RTMP_PORT: '0',
      IVS_RTMPS_PORT: '0',
      TRANSWRAP_PORT: '0',
      APP_PORT: '0',
    });
    expect(config.dataDir).toBe('/tmp/x');
    expect(config.appDir).toBe('/tmp/y');
    expect(config.ports).toEqual({
      dynamodb: 0,
      cognito: 0,
      graphql: 0,
      ivs: 0,
      rtmp: 0,
      rtmps: 0,
      transwrap: 0,
      app: 0,
    });
  });

  test('uses an external DynamoDB when DYNAMODB_ENDPOINT is set', () => {
    expect(loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8001/' }).dynamodbEndpoint).toBe(
      'http://127.0.0.1:8001',
    );
  });

  test('LAN mode is off unless asked for; asked for, it takes its address, name and two ports', () => {
    expect(loadConfig({}).lan).toBeUndefined();
    expect(loadConfig({ LOCAL_LAN: '0' }).lan).toBeUndefined();
    expect(loadConfig({ LOCAL_LAN: '1' }).lan).toEqual({
      address: undefined,
      name: undefined,
      httpsPort: 8443,
      httpPort: 8081,
    });
    expect(
      loadConfig({
        LOCAL_LAN: 'true',
        LAN_ADDRESS: '192.168.1.5',
        LAN_NAME: 'golive.local',
        LAN_HTTPS_PORT: '443',
        LAN_HTTP_PORT: '0',
      }).lan,
    ).toEqual({ address: '192.168.1.5', name: 'golive.local', httpsPort: 443, httpPort: 0 });
  });

  test.each([
    [{ LOCAL_LAN: 'maybe' }, 'LOCAL_LAN=maybe must be 1 or 0'],
    [{ LOCAL_LAN: '1', LAN_ADDRESS: 'my-laptop' }, 'LAN_ADDRESS=my-laptop must be an IP address'],
    [{ LOCAL_LAN: '1', LAN_NAME: 'https://x' }, 'LAN_NAME=https://x must be a host name'],
    [{ DYNAMODB_PORT: 'eighty' }, 'DYNAMODB_PORT=eighty must be a port number'],
    [{ COGNITO_PORT: '70000' }, 'COGNITO_PORT=70000 must be a port number'],
    [{ COGNITO_PORT: '-1' }, 'COGNITO_PORT=-1 must be a port number'],
    [
      { DYNAMODB_ENDPOINT: 'localhost:8000' },
      'DYNAMODB_ENDPOINT=localhost:8000 must be a URL (http: or https:)',
    ],
    [{ LOCAL_START_TIMEOUT_MS: '0' }, 'LOCAL_START_TIMEOUT_MS=0 must be a whole number, 1 or more'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
