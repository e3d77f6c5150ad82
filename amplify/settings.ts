/**
 * What a deployment may differ in, read once at synthesis. Everything else is fixed in the
 * constructs. Env vars (all optional) are listed in README.md.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { QUOTA_DEFAULTS, QUOTA_VARIABLES, type Quotas } from '@golive/resolvers/quotas';
import { emailSender, type EmailSender } from './auth/email-sender';
import { EMAIL_ADDRESS } from './email-address';

type Env = Record<string, string | undefined>;

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

function number(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

/** Amplify Hosting serves a branch at https://<branch>.<app id>.amplifyapp.com ('/' becomes '-'). */
export function amplifyHostingOrigin(appId: string, branch: string): string {
  return `https://${branch.replace(/[^a-zA-Z0-9-]/g, '-')}.${appId}.amplifyapp.com`;
}

/** The Vite dev server (`npm run dev -w app`) a developer points at a sandbox. */
const SANDBOX_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export function deploymentSettings(type: DeploymentType, deploymentId: string, env: Env): DeploymentSettings {
  const extraOrigins = (env.GOLIVE_APP_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const hosted =
    env.AWS_APP_ID && env.AWS_BRANCH ? [amplifyHostingOrigin(env.AWS_APP_ID, env.AWS_BRANCH)] : [];
  const sandbox = type === 'sandbox';
  const minTasks = number(env, 'GOLIVE_TRANSWRAP_MIN_TASKS', sandbox ? 1 : 2);
  const maxTasks = number(env, 'GOLIVE_TRANSWRAP_MAX_TASKS', sandbox ? 2 : 10);
  if (minTasks < 1 || maxTasks < minTasks) {
    throw new Error(`transwrap tasks: need 1 <= min (${minTasks}) <= max (${maxTasks})`);
  }
  const appOrigins = [...new Set([...hosted, ...(sandbox ? SANDBOX_ORIGINS : []), ...extraOrigins])];
  // transwrap reads an empty list as "any origin": a branch must name its app's.
  if (appOrigins.length === 0) {
    throw new Error(
      'No browser origin for transwrap: deploy a branch through Amplify Hosting (npm run deploy sets AWS_APP_ID and AWS_BRANCH) or set GOLIVE_APP_ORIGINS.',
    );
  }
  const capacity = number(env, 'GOLIVE_TRANSWRAP_CAPACITY', 30);
  if (capacity < 1) throw new Error('GOLIVE_TRANSWRAP_CAPACITY must be at least 1');
  const quotas: Quotas = {
    channelsPerSeller: number(env, QUOTA_VARIABLES.channelsPerSeller, QUOTA_DEFAULTS.channelsPerSeller),
    liveBroadcastsPerSeller: number(
      env,
      QUOTA_VARIABLES.liveBroadcastsPerSeller,
      QUOTA_DEFAULTS.liveBroadcastsPerSeller,
    ),
    liveHoursPerMonth: number(env, QUOTA_VARIABLES.liveHoursPerMonth, QUOTA_DEFAULTS.liveHoursPerMonth),
  };
  const alarmEmail = env.GOLIVE_ALARM_EMAIL?.trim() || undefined;
  if (alarmEmail && !EMAIL_ADDRESS.test(alarmEmail))
    throw new Error(`GOLIVE_ALARM_EMAIL must be an email address, not "${alarmEmail}"`);
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
