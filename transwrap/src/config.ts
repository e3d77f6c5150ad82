/** transwrap's settings, from environment variables with defaults; README.md lists them all. */

type Env = Record<string, string | undefined>;

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
  RESUME_GRACE_MS: '15000',
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

export class ConfigError extends Error {
  override name = 'ConfigError';
}

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
  /** How long a broadcast whose socket dropped is held for a `resume`. */
  resumeGraceMs: number;
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

function integer(env: Env, name: Setting, min: number): number {
  const raw = env[name] || DEFAULTS[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(`${name}=${raw} must be an integer of at least ${min}.`);
  return value;
}

export function loadConfig(env: Env = process.env): TranswrapConfig {
  const host = env.HOST || DEFAULTS.HOST;
  const port = integer(env, 'PORT', 0);
  const apiUrl = env.API_URL || DEFAULTS.API_URL;
  if (!apiUrl)
    throw new ConfigError(
      'API_URL is required: the GraphQL endpoint transwrap registers with and redeems tickets at.',
    );
  const list = (raw: string | undefined) =>
    (raw || '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const cognitoIssuer = env.COGNITO_ISSUER || DEFAULTS.COGNITO_ISSUER;
  const cognitoClientIds = list(env.COGNITO_CLIENT_IDS);
  if (!cognitoIssuer || cognitoClientIds.length === 0)
    throw new ConfigError(
      'COGNITO_ISSUER and COGNITO_CLIENT_IDS are required: broadcasters prove who they are with their sign-in token.',
    );
  return {
    host,
    port,
    publicUrl: env.PUBLIC_URL || `ws://${host}:${port}/ingest`,
    // Empty: the ECS task id on Fargate (see api/ecs-task.ts), else a random one.
    endpointId: env.ENDPOINT_ID || '',
    region: env.REGION || DEFAULTS.REGION,
    apiUrl,
    cognitoIssuer,
    cognitoClientIds,
    awsRegion: env.AWS_REGION || DEFAULTS.AWS_REGION,
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    capacity: integer(env, 'CAPACITY', 1),
    maxPending: integer(env, 'MAX_PENDING', 1),
    maxPendingPerAddress: integer(env, 'MAX_PENDING_PER_ADDRESS', 1),
    maxSessionsPerAddress: integer(env, 'MAX_SESSIONS_PER_ADDRESS', 1),
    maxRefusedHellosPerAddress: integer(env, 'MAX_REFUSED_HELLOS_PER_ADDRESS', 1),
    refusedHelloWindowMs: integer(env, 'REFUSED_HELLO_WINDOW_MS', 1000),
    trustedProxyHops: integer(env, 'TRUSTED_PROXY_HOPS', 0),
    helloTimeoutMs: integer(env, 'HELLO_TIMEOUT_MS', 100),
    idleTimeoutMs: integer(env, 'IDLE_TIMEOUT_MS', 100),
    resumeGraceMs: integer(env, 'RESUME_GRACE_MS', 0),
    maxMessageBytes: integer(env, 'MAX_MESSAGE_BYTES', 1024),
    relayLagAdviceMs: integer(env, 'RELAY_LAG_ADVICE_MS', 100),
    relayStallTimeoutMs: integer(env, 'RELAY_STALL_TIMEOUT_MS', 1000),
    queueLimitBytes: integer(env, 'QUEUE_LIMIT_BYTES', 1024),
    statsIntervalMs: integer(env, 'STATS_INTERVAL_MS', 100),
    heartbeatIntervalMs: integer(env, 'HEARTBEAT_INTERVAL_MS', 100),
    drainDeadlineMs: integer(env, 'DRAIN_DEADLINE_MS', 0),
    stopCheckIntervalMs: integer(env, 'STOP_CHECK_INTERVAL_MS', 100),
    stopCheckWindowMs: integer(env, 'STOP_CHECK_WINDOW_MS', 0),
    loadMetricNamespace: env.LOAD_METRIC_NAMESPACE || DEFAULTS.LOAD_METRIC_NAMESPACE,
    loadMetricService: env.LOAD_METRIC_SERVICE || DEFAULTS.LOAD_METRIC_SERVICE,
  };
}
