/**
 * The local stack's settings, all from environment variables with defaults. local/README.md
 * lists every one; config.test.ts checks that list against these defaults.
 */
import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { QUOTA_DEFAULTS, type Quotas } from '@golive/resolvers/quotas';

type Env = Record<string, string | undefined>;

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
  LOCAL_LAN: '',
  LAN_ADDRESS: '',
  LAN_NAME: '',
  LAN_HTTPS_PORT: '8443',
  LAN_HTTP_PORT: '8081',
} as const;

export type ConfigVariable = keyof typeof DEFAULTS;

/** Thrown for a setting that cannot work; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function port(env: Env, name: ConfigVariable): number {
  const raw = env[name] ?? DEFAULTS[name];
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) {
    throw new ConfigError(`${name}=${raw} is not a port number (0-65535; 0 picks a free port).`);
  }
  return value;
}

function count(env: Env, name: ConfigVariable): number {
  const raw = env[name] ?? DEFAULTS[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name}=${raw} must be 0 or more.`);
  return value;
}

function positive(env: Env, name: ConfigVariable): number {
  const raw = env[name] ?? DEFAULTS[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new ConfigError(`${name}=${raw} must be a positive integer.`);
  return value;
}

function endpoint(env: Env, name: ConfigVariable): string | undefined {
  const raw = env[name] || DEFAULTS[name];
  if (!raw) return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new ConfigError(`${name}=${raw} is not an http(s) URL.`);
  }
  return raw.replace(/\/$/, '');
}

/** A folder as given, or under the repository when relative. */
function folder(env: Env, name: ConfigVariable): string {
  const raw = env[name] || DEFAULTS[name];
  return isAbsolute(raw) ? raw : resolve(join(REPO_ROOT, raw));
}

function flag(env: Env, name: ConfigVariable): boolean {
  const raw = (env[name] || DEFAULTS[name]).toLowerCase();
  if (['', '0', 'false', 'no'].includes(raw)) return false;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  throw new ConfigError(`${name}=${env[name]} must be 1 or 0 (true or false).`);
}

function lanConfig(env: Env): LanConfig | undefined {
  if (!flag(env, 'LOCAL_LAN')) return undefined;
  const address = env.LAN_ADDRESS || undefined;
  if (address !== undefined && isIP(address) === 0)
    throw new ConfigError(`LAN_ADDRESS=${address} is not an IP address (it is where the stack listens).`);
  const name = env.LAN_NAME || undefined;
  if (name !== undefined && !/^[A-Za-z0-9.-]+$/.test(name) && isIP(name) === 0)
    throw new ConfigError(`LAN_NAME=${name} is not a host name.`);
  return { address, name, httpsPort: port(env, 'LAN_HTTPS_PORT'), httpPort: port(env, 'LAN_HTTP_PORT') };
}

export function loadConfig(env: Env = process.env): LocalConfig {
  return {
    host: env.LOCAL_HOST || DEFAULTS.LOCAL_HOST,
    dataDir: folder(env, 'LOCAL_DATA_DIR'),
    appDir: folder(env, 'APP_DIR'),
    region: env.LOCAL_REGION || DEFAULTS.LOCAL_REGION,
    ports: {
      dynamodb: port(env, 'DYNAMODB_PORT'),
      cognito: port(env, 'COGNITO_PORT'),
      graphql: port(env, 'GRAPHQL_PORT'),
      ivs: port(env, 'IVS_PORT'),
      rtmp: port(env, 'IVS_RTMP_PORT'),
      rtmps: port(env, 'IVS_RTMPS_PORT'),
      transwrap: port(env, 'TRANSWRAP_PORT'),
      app: port(env, 'APP_PORT'),
    },
    dynamodbEndpoint: endpoint(env, 'DYNAMODB_ENDPOINT'),
    startTimeoutMs: positive(env, 'LOCAL_START_TIMEOUT_MS'),
    keepAliveMs: positive(env, 'GRAPHQL_KEEPALIVE_MS'),
    transwrapInstances: count(env, 'TRANSWRAP_INSTANCES'),
    quotas: {
      channelsPerSeller: count(env, 'GOLIVE_QUOTA_CHANNELS_PER_SELLER'),
      liveBroadcastsPerSeller: count(env, 'GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER'),
      liveHoursPerMonth: count(env, 'GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH'),
    },
    lan: lanConfig(env),
  };
}
