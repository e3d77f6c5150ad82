/**
 * The local stack's settings, all from environment variables with defaults. local/README.md
 * lists every one; config.test.ts checks that list against these defaults.
 */
import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import {
  ConfigError,
  settingsFrom,
  type Env,
  type SettingsReader,
} from '@golive/common/settings/environment';
import { QUOTA_DEFAULTS, type Quotas } from '@golive/resolvers/quotas';

export { ConfigError };

export interface LocalConfig {
  /** Every service listens here; loopback by default so nothing is exposed to the network. */
  host: string;
  /** Where all state lives (tables, users, credentials); survives restarts. */
  dataDir: string;
  /** The built PWA the app host serves. */
  appDir: string;
  region: string;
  /** 0 means "pick a free port" (tests run their own stack beside a developer's). */
  ports: {
    dynamodb: number;
    cognito: number;
    graphql: number;
    ivs: number;
    rtmp: number;
    rtmps: number;
    transwrap: number;
    app: number;
  };
  /** How many transwrap instances to run (ports TRANSWRAP_PORT, +1, ...). */
  transwrapInstances: number;
  /** Use this DynamoDB (DynamoDB Local, or real DynamoDB) instead of starting dynalite. */
  dynamodbEndpoint: string | undefined;
  /** How often the real-time endpoint sends `ka` (AppSync: about every minute). */
  keepAliveMs: number;
  /** How long a service may take to answer before start-up fails. */
  startTimeoutMs: number;
  /** What one seller may use: the API's environment variables, as a deployment sets them. */
  quotas: Quotas;
  /** LAN mode (`npm start -- --lan`): one HTTPS origin on the network for phones; off by default. */
  lan?: LanConfig;
}

export interface LanConfig {
  /** The network address to serve on; undefined: the machine's first one (lan/lan-address.ts). */
  address?: string;
  /** The host name URLs use (it must resolve to the address on the phone); undefined: the address. */
  name?: string;
  httpsPort: number;
  /** The trust page's plain-HTTP port. */
  httpPort: number;
}

export const DEFAULTS = {
  LOCAL_HOST: '127.0.0.1',
  LOCAL_DATA_DIR: '.data',
  APP_DIR: 'app/dist',
  LOCAL_REGION: 'us-east-1',
  DYNAMODB_PORT: '8000',
  COGNITO_PORT: '9229',
  GRAPHQL_PORT: '4000',
  IVS_PORT: '4100',
  IVS_RTMP_PORT: '1935',
  IVS_RTMPS_PORT: '4443',
  TRANSWRAP_PORT: '8090',
  APP_PORT: '8080',
  TRANSWRAP_INSTANCES: '1',
  DYNAMODB_ENDPOINT: '',
  LOCAL_START_TIMEOUT_MS: '60000',
  GRAPHQL_KEEPALIVE_MS: '60000',
  GOLIVE_QUOTA_CHANNELS_PER_SELLER: String(QUOTA_DEFAULTS.channelsPerSeller),
  GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER: String(QUOTA_DEFAULTS.liveBroadcastsPerSeller),
  GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH: String(QUOTA_DEFAULTS.liveHoursPerMonth),
  GOLIVE_CHAT_RETENTION_HOURS: String(QUOTA_DEFAULTS.chatRetentionHours),
  LOCAL_LAN: '',
  LAN_ADDRESS: '',
  LAN_NAME: '',
  LAN_HTTPS_PORT: '8443',
  LAN_HTTP_PORT: '8081',
} as const;

export type ConfigVariable = keyof typeof DEFAULTS;

type Settings = SettingsReader<ConfigVariable>;

/** A folder as given, or under the repository when relative. */
function folder(setting: Settings, name: ConfigVariable): string {
  const path = setting.text(name);
  return isAbsolute(path) ? path : resolve(join(REPO_ROOT, path));
}

function lanConfig(setting: Settings): LanConfig | undefined {
  if (!setting.flag('LOCAL_LAN')) return undefined;
  const address = setting.text('LAN_ADDRESS', {
    test: (value) => isIP(value) !== 0,
    allowed: 'an IP address (it is where the stack listens)',
  });
  const name = setting.text('LAN_NAME', {
    test: (value) => /^[A-Za-z0-9.-]+$/.test(value) || isIP(value) !== 0,
    allowed: 'a host name',
  });
  return {
    address: address || undefined,
    name: name || undefined,
    httpsPort: setting.port('LAN_HTTPS_PORT'),
    httpPort: setting.port('LAN_HTTP_PORT'),
  };
}

export function loadConfig(env: Env = process.env): LocalConfig {
  const setting = settingsFrom(env, DEFAULTS);
  const count = (name: ConfigVariable) => setting.integer(name, { min: 0 });
  const dynamodbEndpoint = setting.url('DYNAMODB_ENDPOINT', ['http:', 'https:']);
  return {
    host: setting.text('LOCAL_HOST'),
    dataDir: folder(setting, 'LOCAL_DATA_DIR'),
    appDir: folder(setting, 'APP_DIR'),
    region: setting.text('LOCAL_REGION'),
    ports: {
      dynamodb: setting.port('DYNAMODB_PORT'),
      cognito: setting.port('COGNITO_PORT'),
      graphql: setting.port('GRAPHQL_PORT'),
      ivs: setting.port('IVS_PORT'),
      rtmp: setting.port('IVS_RTMP_PORT'),
      rtmps: setting.port('IVS_RTMPS_PORT'),
      transwrap: setting.port('TRANSWRAP_PORT'),
      app: setting.port('APP_PORT'),
    },
    dynamodbEndpoint: dynamodbEndpoint ? dynamodbEndpoint.replace(/\/$/, '') : undefined,
    startTimeoutMs: setting.integer('LOCAL_START_TIMEOUT_MS', { min: 1 }),
    keepAliveMs: setting.integer('GRAPHQL_KEEPALIVE_MS', { min: 1 }),
    transwrapInstances: count('TRANSWRAP_INSTANCES'),
    quotas: {
      channelsPerSeller: count('GOLIVE_QUOTA_CHANNELS_PER_SELLER'),
      liveBroadcastsPerSeller: count('GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER'),
      liveHoursPerMonth: count('GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH'),
      chatRetentionHours: setting.integer('GOLIVE_CHAT_RETENTION_HOURS', { min: 1 }),
    },
    lan: lanConfig(setting),
  };
}
