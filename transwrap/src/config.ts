/**
 * transwrap's settings, from environment variables with defaults (read by common's settings
 * reader); README.md lists them all, and config.test.ts checks that list against DEFAULTS.
 */
import { join } from 'node:path';
import { ConfigError, settingsFrom, type Env } from '@golive/common/settings/environment';

export { ConfigError };

/** transwrap's own slate picture, used unless SLATE_IMAGE names another. */
export const DEFAULT_SLATE_IMAGE = join(__dirname, '..', 'assets', 'slate.png');

export const DEFAULTS = {
  HOST: '127.0.0.1',
  PORT: '8090',
  PUBLIC_URL: '',
  ENDPOINT_ID: '',
  REGION: 'local',
  API_URL: '',
  COGNITO_ISSUER: '',
  COGNITO_CLIENT_IDS: '',
  AWS_REGION: 'us-east-1',
  ALLOWED_ORIGINS: '',
  CAPACITY: '50',
  MAX_PENDING: '500',
  MAX_PENDING_PER_ADDRESS: '10',
  MAX_SESSIONS_PER_ADDRESS: '20',
  MAX_REFUSED_HELLOS_PER_ADDRESS: '20',
  REFUSED_HELLO_WINDOW_MS: '60000',
  TRUSTED_PROXY_HOPS: '0',
  HELLO_TIMEOUT_MS: '5000',
  IDLE_TIMEOUT_MS: '10000',
  RESUME_GRACE_MS: '120000',
  SLATE_AFTER_MS: '2000',
  SLATE_IMAGE: '',
  MAX_MESSAGE_BYTES: '1048576',
  RELAY_LAG_ADVICE_MS: '1000',
  RELAY_STALL_TIMEOUT_MS: '10000',
  QUEUE_LIMIT_BYTES: '8388608',
  STATS_INTERVAL_MS: '1000',
  HEARTBEAT_INTERVAL_MS: '5000',
  DRAIN_DEADLINE_MS: '30000',
  STOP_CHECK_INTERVAL_MS: '2000',
  STOP_CHECK_WINDOW_MS: '15000',
  LOAD_METRIC_NAMESPACE: '',
  LOAD_METRIC_SERVICE: '',
} as const;

export type Setting = keyof typeof DEFAULTS;

export interface TranswrapConfig {
  host: string;
  port: number;
  /** The WebSocket URL browsers are given (wss:// behind a TLS load balancer in AWS). */
  publicUrl: string;
  endpointId: string;
  region: string;
  apiUrl: string;
  /** The user pool sellers sign in to (https://cognito-idp.<region>.amazonaws.com/<pool id>). */
  cognitoIssuer: string;
  /** App clients whose tokens are accepted in `hello`. */
  cognitoClientIds: string[];
  awsRegion: string;
  /** Empty: any origin (local development). */
  allowedOrigins: string[];
  /** Broadcasts taken at once (sessions: proven sellers). */
  capacity: number;
  /**
   * Connections waiting to prove a seller (no hello yet, or its token being checked), in all and
   * per client address (an IPv4 address or an IPv6 /64); past either, the oldest is shed.
   */
  maxPending: number;
  maxPendingPerAddress: number;
  /** Broadcasts per client address: generous, as many sellers may share one address (NAT). */
  maxSessionsPerAddress: number;
  /** Hellos refused (bad sign-in token or ticket) per client address per window, then 4029. */
  maxRefusedHellosPerAddress: number;
  refusedHelloWindowMs: number;
  /**
   * Proxies in front of transwrap that each append to X-Forwarded-For (2 behind CloudFront and an
   * ALB); the client is that many entries from the right. 0: the socket's address.
   */
  trustedProxyHops: number;
  helloTimeoutMs: number;
  idleTimeoutMs: number;
  /** How long a broadcast whose socket dropped is held for a `resume` (the slate on air meanwhile). */
  resumeGraceMs: number;
  /** The seller's video stopped this long: the slate goes on air. */
  slateAfterMs: number;
  /** The slate's picture (PNG or JPEG); empty: transwrap's own, assets/slate.png. */
  slateImage: string;
  maxMessageBytes: number;
  /** FFmpeg holding up the socket this long makes transwrap advise a lower bitrate. */
  relayLagAdviceMs: number;
  /** FFmpeg taking no input this long is replaced. */
  relayStallTimeoutMs: number;
  queueLimitBytes: number;
  statsIntervalMs: number;
  heartbeatIntervalMs: number;
  drainDeadlineMs: number;
  /**
   * After a relay goes live, the API is asked whether the broadcast was stopped meanwhile every
   * this often, for STOP_CHECK_WINDOW_MS: a stop IVS had no stream to cut yet.
   */
  stopCheckIntervalMs: number;
  stopCheckWindowMs: number;
  /** CloudWatch namespace for the load metric logged at each heartbeat; empty: none (off AWS). */
  loadMetricNamespace: string;
  /** The metric's Service dimension: one value for all of a deployment's tasks. */
  loadMetricService: string;
}

export function loadConfig(env: Env = process.env): TranswrapConfig {
  const setting = settingsFrom(env, DEFAULTS);
  const integer = (name: Setting, min: number) => setting.integer(name, { min });
  const host = setting.text('HOST');
  const port = setting.port('PORT');
  const apiUrl = setting.text('API_URL');
  if (!apiUrl)
    throw new ConfigError(
      'API_URL is required: the GraphQL endpoint transwrap registers with and redeems tickets at.',
    );
  const cognitoIssuer = setting.text('COGNITO_ISSUER');
  const cognitoClientIds = setting.list('COGNITO_CLIENT_IDS');
  if (!cognitoIssuer || cognitoClientIds.length === 0)
    throw new ConfigError(
      'COGNITO_ISSUER and COGNITO_CLIENT_IDS are required: broadcasters prove who they are with their sign-in token.',
    );
  return {
    host,
    port,
    publicUrl: setting.text('PUBLIC_URL') || `ws://${host}:${port}/ingest`,
    // Empty: the ECS task id on Fargate (see api/ecs-task.ts), else a random one.
    endpointId: setting.text('ENDPOINT_ID'),
    region: setting.text('REGION'),
    apiUrl,
    cognitoIssuer,
    cognitoClientIds,
    awsRegion: setting.text('AWS_REGION'),
    allowedOrigins: setting.list('ALLOWED_ORIGINS'),
    capacity: integer('CAPACITY', 1),
    maxPending: integer('MAX_PENDING', 1),
    maxPendingPerAddress: integer('MAX_PENDING_PER_ADDRESS', 1),
    maxSessionsPerAddress: integer('MAX_SESSIONS_PER_ADDRESS', 1),
    maxRefusedHellosPerAddress: integer('MAX_REFUSED_HELLOS_PER_ADDRESS', 1),
    refusedHelloWindowMs: integer('REFUSED_HELLO_WINDOW_MS', 1000),
    trustedProxyHops: integer('TRUSTED_PROXY_HOPS', 0),
    helloTimeoutMs: integer('HELLO_TIMEOUT_MS', 100),
    idleTimeoutMs: integer('IDLE_TIMEOUT_MS', 100),
    resumeGraceMs: integer('RESUME_GRACE_MS', 0),
    slateAfterMs: integer('SLATE_AFTER_MS', 100),
    slateImage: setting.text('SLATE_IMAGE') || DEFAULT_SLATE_IMAGE,
    maxMessageBytes: integer('MAX_MESSAGE_BYTES', 1024),
    relayLagAdviceMs: integer('RELAY_LAG_ADVICE_MS', 100),
    relayStallTimeoutMs: integer('RELAY_STALL_TIMEOUT_MS', 1000),
    queueLimitBytes: integer('QUEUE_LIMIT_BYTES', 1024),
    statsIntervalMs: integer('STATS_INTERVAL_MS', 100),
    heartbeatIntervalMs: integer('HEARTBEAT_INTERVAL_MS', 100),
    drainDeadlineMs: integer('DRAIN_DEADLINE_MS', 0),
    stopCheckIntervalMs: integer('STOP_CHECK_INTERVAL_MS', 100),
    stopCheckWindowMs: integer('STOP_CHECK_WINDOW_MS', 0),
    loadMetricNamespace: setting.text('LOAD_METRIC_NAMESPACE'),
    loadMetricService: setting.text('LOAD_METRIC_SERVICE'),
  };
}
