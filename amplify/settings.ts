/**
 * What a deployment may differ in, read once at synthesis (by common's settings reader).
 * Everything else is fixed in the constructs. Env vars (all optional) are listed in README.md;
 * settings.test.ts checks that list against deploymentDefaults.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ConfigError, settingsFrom, type Env } from '@golive/common/settings/environment';
import { QUOTA_DEFAULTS, type Quotas } from '@golive/resolvers/quotas';
import { EMAIL_DEFAULTS, emailSender, type EmailSender } from './auth/email-sender';
import { EMAIL_ADDRESS } from './email-address';

export type DeploymentType = 'sandbox' | 'branch';

export interface DeploymentSettings {
  type: DeploymentType;
  /** Tags every IVS channel this deployment creates, so `npm run destroy` finds exactly those. */
  deploymentId: string;
  /** Browser origins transwrap accepts (its ALLOWED_ORIGINS). */
  appOrigins: string[];
  /** Tables outlive a branch deployment's stack; a sandbox's go with it. */
  dataRemovalPolicy: RemovalPolicy;
  /**
   * A branch's user pool (every account, and who is a seller or an admin) has deletion protection
   * and outlives its stack; a sandbox's goes with it.
   */
  protectUserPool: boolean;
  /** Who Cognito's emails come from (auth/email-sender.ts): SES, required for a branch unless waived. */
  email: EmailSender;
  logRetention: RetentionDays;
  transwrap: TranswrapSizing;
  /** Who the operator alarms are emailed to (GOLIVE_ALARM_EMAIL); the topic exists either way. */
  alarmEmail?: string;
  /** What one seller may use (GOLIVE_QUOTA_*): the API's environment variables, which the resolvers read. */
  quotas: Quotas;
}

export interface TranswrapSizing {
  /** Fargate task size: 1 vCPU relays ~35 H.264 copies or ~4 VP8 transcodes (transwrap/README.md). */
  cpu: number;
  memoryMiB: number;
  /** Broadcasts one task accepts (transwrap's CAPACITY). */
  capacity: number;
  minTasks: number;
  maxTasks: number;
  /** Average load (broadcasts / capacity, transwrap's measure) the service is scaled to keep. */
  targetLoadPercent: number;
  /**
   * Average CPU the service is scaled to keep, as well: an H.264 copy costs ~1.4 % of a vCPU
   * (transwrap/README.md) and a VP8 transcode ~25 %, so transcodes fill a task long before its
   * capacity does.
   */
  targetCpuPercent: number;
  /** transwrap's DRAIN_DEADLINE_MS: how long broadcasters get to move after SIGTERM. */
  drainDeadline: Duration;
}

/** Every variable a deployment reads, with its default for a sandbox or a branch (README.md's table). */
export function deploymentDefaults(type: DeploymentType) {
  const sandbox = type === 'sandbox';
  return {
    GOLIVE_APP_ORIGINS: '',
    GOLIVE_TRANSWRAP_MIN_TASKS: sandbox ? '1' : '2',
    GOLIVE_TRANSWRAP_MAX_TASKS: sandbox ? '2' : '10',
    GOLIVE_TRANSWRAP_CAPACITY: '30',
    GOLIVE_ALARM_EMAIL: '',
    GOLIVE_QUOTA_CHANNELS_PER_SELLER: String(QUOTA_DEFAULTS.channelsPerSeller),
    GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER: String(QUOTA_DEFAULTS.liveBroadcastsPerSeller),
    GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH: String(QUOTA_DEFAULTS.liveHoursPerMonth),
    GOLIVE_CHAT_RETENTION_HOURS: String(QUOTA_DEFAULTS.chatRetentionHours),
    ...EMAIL_DEFAULTS,
    AWS_APP_ID: '',
    AWS_BRANCH: '',
  };
}

/** Amplify Hosting serves a branch at https://<branch>.<app id>.amplifyapp.com ('/' becomes '-'). */
export function amplifyHostingOrigin(appId: string, branch: string): string {
  return `https://${branch.replace(/[^a-zA-Z0-9-]/g, '-')}.${appId}.amplifyapp.com`;
}

/** The Vite dev server (`npm run dev -w app`) a developer points at a sandbox. */
const SANDBOX_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export function deploymentSettings(type: DeploymentType, deploymentId: string, env: Env): DeploymentSettings {
  const setting = settingsFrom(env, deploymentDefaults(type));
  const appId = setting.text('AWS_APP_ID');
  const branch = setting.text('AWS_BRANCH');
  const hosted = appId && branch ? [amplifyHostingOrigin(appId, branch)] : [];
  const sandbox = type === 'sandbox';
  const minTasks = setting.integer('GOLIVE_TRANSWRAP_MIN_TASKS', { min: 0 });
  const maxTasks = setting.integer('GOLIVE_TRANSWRAP_MAX_TASKS', { min: 0 });
  if (minTasks < 1 || maxTasks < minTasks) {
    throw new ConfigError(`transwrap tasks: need 1 <= min (${minTasks}) <= max (${maxTasks})`);
  }
  const extraOrigins = setting.list('GOLIVE_APP_ORIGINS');
  const appOrigins = [...new Set([...hosted, ...(sandbox ? SANDBOX_ORIGINS : []), ...extraOrigins])];
  // transwrap reads an empty list as "any origin": a branch must name its app's.
  if (appOrigins.length === 0) {
    throw new ConfigError(
      'No browser origin for transwrap: deploy a branch through Amplify Hosting (npm run deploy sets AWS_APP_ID and AWS_BRANCH) or set GOLIVE_APP_ORIGINS.',
    );
  }
  const capacity = setting.integer('GOLIVE_TRANSWRAP_CAPACITY', { min: 1 });
  const quotas: Quotas = {
    channelsPerSeller: setting.integer('GOLIVE_QUOTA_CHANNELS_PER_SELLER', { min: 0 }),
    liveBroadcastsPerSeller: setting.integer('GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER', { min: 0 }),
    liveHoursPerMonth: setting.integer('GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH', { min: 0 }),
    chatRetentionHours: setting.integer('GOLIVE_CHAT_RETENTION_HOURS', { min: 1 }),
  };
  const alarmEmail = setting.text('GOLIVE_ALARM_EMAIL', {
    test: (value) => EMAIL_ADDRESS.test(value),
    allowed: 'an email address',
  });
  return {
    type,
    deploymentId,
    appOrigins,
    dataRemovalPolicy: sandbox ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    protectUserPool: !sandbox,
    email: emailSender(env, !sandbox),
    logRetention: sandbox ? RetentionDays.ONE_WEEK : RetentionDays.ONE_MONTH,
    transwrap: {
      cpu: 1024,
      memoryMiB: 2048,
      capacity,
      minTasks,
      maxTasks,
      targetLoadPercent: 60,
      targetCpuPercent: 50,
      drainDeadline: Duration.seconds(30),
    },
    quotas,
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
