/**
 * What a deployment may differ in, and the settings synthesis refuses rather than deploy something
 * that fails or is open in AWS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { ConfigError } from '@golive/common/settings/environment';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { readmeSettings } from '@golive/common/settings/readme-table';
import { deploymentDefaults, deploymentSettings } from './settings';

test('README.md lists every variable a deployment reads, with its default for a sandbox / a branch', () => {
  const rows = readmeSettings(readFileSync(join(REPO_ROOT, 'amplify', 'README.md'), 'utf8'));
  const sandbox = deploymentDefaults('sandbox');
  const branch = deploymentDefaults('branch');
  const both = Object.fromEntries(
    Object.entries(sandbox).map(([name, value]) => {
      const forBranch = branch[name as keyof typeof branch];
      return [name, value === forBranch ? value : `${value} / ${forBranch}`];
    }),
  );
  expect(Object.fromEntries(rows.map((row) => [row.name, row.default]))).toEqual(both);
});

const SES_ARN = { GOLIVE_SES_IDENTITY_ARN: 'arn:aws:ses:eu-west-1:123456789012:identity/live.example.com' };
const SES = { ...SES_ARN, GOLIVE_EMAIL_FROM: 'GoLive <no-reply@live.example.com>' };

test('a sandbox accepts the Vite dev server, runs one or two tasks, and takes its data with it', () => {
  const settings = deploymentSettings('sandbox', 'amplify-golive-me-sandbox-0123456789', {});
  expect(settings.appOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
  expect(settings.transwrap).toMatchObject({ minTasks: 1, maxTasks: 2, capacity: 30 });
  expect(settings.dataRemovalPolicy).toBe(RemovalPolicy.DESTROY);
  expect(settings.protectUserPool).toBe(false);
});

test('a hosted branch accepts its amplifyapp.com origin (branch names made host-safe) and keeps its data and accounts', () => {
  const settings = deploymentSettings('branch', 'amplify-d1-feature-x-branch-0123456789', {
    AWS_APP_ID: 'd1a2b3c4',
    AWS_BRANCH: 'feature/x',
    ...SES,
  });
  expect(settings.appOrigins).toEqual(['https://feature-x.d1a2b3c4.amplifyapp.com']);
  expect(settings.transwrap).toMatchObject({ minTasks: 2, maxTasks: 10 });
  expect(settings.dataRemovalPolicy).toBe(RemovalPolicy.RETAIN);
  expect(settings.protectUserPool).toBe(true);
});

test('a branch sends Cognito’s emails through SES, from an address its SES identity verifies', () => {
  const branch = { AWS_APP_ID: 'd1', AWS_BRANCH: 'main' };
  expect(deploymentSettings('branch', 'amplify-x', { ...branch, ...SES }).email).toEqual({
    kind: 'ses',
    from: 'GoLive <no-reply@live.example.com>',
    address: 'no-reply@live.example.com',
    identityArn: SES.GOLIVE_SES_IDENTITY_ARN,
  });
  // An address identity covers exactly that address.
  expect(
    deploymentSettings('branch', 'amplify-x', {
      ...branch,
      GOLIVE_EMAIL_FROM: 'ops@example.com',
      GOLIVE_SES_IDENTITY_ARN: 'arn:aws:ses:eu-west-1:123456789012:identity/ops@example.com',
    }).email.kind,
  ).toBe('ses');
});

test('a branch without SES says what to set, and takes Cognito’s 50-a-day sender only when told to', () => {
  const branch = { AWS_APP_ID: 'd1', AWS_BRANCH: 'main' };
  expect(() => deploymentSettings('branch', 'amplify-x', branch)).toThrow(
    /set GOLIVE_EMAIL_FROM .* and GOLIVE_SES_IDENTITY_ARN .*stops after 50 emails a day; to accept that, set GOLIVE_EMAIL_VIA_COGNITO=accept-50-per-day/,
  );
  expect(
    deploymentSettings('branch', 'amplify-x', { ...branch, GOLIVE_EMAIL_VIA_COGNITO: 'accept-50-per-day' })
      .email,
  ).toEqual({ kind: 'cognito-default' });
  // A sandbox (a developer's own) may use Cognito's sender without saying so.
  expect(deploymentSettings('sandbox', 'amplify-x', {}).email).toEqual({ kind: 'cognito-default' });
});

test.each([
  [{ GOLIVE_EMAIL_FROM: 'no-reply@live.example.com' }, /go together: set both, or neither/],
  [{ ...SES_ARN, GOLIVE_EMAIL_FROM: 'GoLive no-reply' }, /must be an address or "Name <address>"/],
  [
    { ...SES_ARN, GOLIVE_EMAIL_FROM: 'no-reply@elsewhere.example' },
    /not an address the SES identity live.example.com may send from/,
  ],
  [{ ...SES_ARN, GOLIVE_EMAIL_FROM: 'no-reply@notlive.example.com' }, /not an address the SES identity/],
  [
    { GOLIVE_EMAIL_FROM: 'a@example.com', GOLIVE_SES_IDENTITY_ARN: 'example.com' },
    /must be an SES identity ARN/,
  ],
  [{ GOLIVE_EMAIL_VIA_COGNITO: 'yes' }, /must be "accept-50-per-day"/],
  [{ ...SES, GOLIVE_EMAIL_VIA_COGNITO: 'accept-50-per-day' }, /choose one/],
] as const)('refuses the email settings %j', (env, message) => {
  const settings = () =>
    deploymentSettings('branch', 'amplify-x', { AWS_APP_ID: 'd1', AWS_BRANCH: 'main', ...env });
  expect(settings).toThrow(ConfigError);
  expect(settings).toThrow(message);
});

test('a subdomain of a verified domain may send', () => {
  const env = { ...SES_ARN, GOLIVE_EMAIL_FROM: 'no-reply@mail.live.example.com' };
  expect(deploymentSettings('sandbox', 'amplify-x', env).email.kind).toBe('ses');
});

test.each([
  // transwrap would read no origins as "any origin".
  ['branch', {}, /No browser origin for transwrap/],
  [
    'sandbox',
    { GOLIVE_TRANSWRAP_CAPACITY: '0' },
    'GOLIVE_TRANSWRAP_CAPACITY=0 must be a whole number, 1 or more.',
  ],
  ['sandbox', { GOLIVE_TRANSWRAP_CAPACITY: 'lots' }, 'GOLIVE_TRANSWRAP_CAPACITY=lots must be a whole number'],
  [
    'sandbox',
    { GOLIVE_TRANSWRAP_MIN_TASKS: '3', GOLIVE_TRANSWRAP_MAX_TASKS: '2' },
    /need 1 <= min \(3\) <= max \(2\)/,
  ],
  [
    'sandbox',
    { GOLIVE_ALARM_EMAIL: 'ops at example' },
    'GOLIVE_ALARM_EMAIL="ops at example" must be an email address.',
  ],
  [
    'sandbox',
    { GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH: '1.5' },
    'GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH=1.5 must be a whole number',
  ],
] as const)('refuses a %s with %j', (type, env, message) => {
  expect(() => deploymentSettings(type, 'amplify-x', env)).toThrow(ConfigError);
  expect(() => deploymentSettings(type, 'amplify-x', env)).toThrow(message);
});

test('extra origins (a custom domain) are added to the hosted one', () => {
  const settings = deploymentSettings('branch', 'amplify-x', {
    ...SES,
    AWS_APP_ID: 'd1',
    AWS_BRANCH: 'main',
    GOLIVE_APP_ORIGINS: 'https://live.example.com, https://live.example.com',
  });
  expect(settings.appOrigins).toEqual(['https://main.d1.amplifyapp.com', 'https://live.example.com']);
});

test('alarms are emailed to GOLIVE_ALARM_EMAIL when it is set, and to nobody otherwise', () => {
  expect(deploymentSettings('sandbox', 'amplify-x', {}).alarmEmail).toBeUndefined();
  expect(
    deploymentSettings('sandbox', 'amplify-x', { GOLIVE_ALARM_EMAIL: ' ops@example.com ' }).alarmEmail,
  ).toBe('ops@example.com');
});

test('quotas per seller come from GOLIVE_QUOTA_*, with the defaults the local stack also uses', () => {
  expect(deploymentSettings('sandbox', 'amplify-x', {}).quotas).toEqual({
    channelsPerSeller: 20,
    liveBroadcastsPerSeller: 2,
    liveHoursPerMonth: 100,
    chatRetentionHours: 168,
  });
  const set = deploymentSettings('sandbox', 'amplify-x', {
    GOLIVE_QUOTA_CHANNELS_PER_SELLER: '5',
    GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER: '1',
    GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH: '0',
    GOLIVE_CHAT_RETENTION_HOURS: '24',
  });
  expect(set.quotas).toEqual({
    channelsPerSeller: 5,
    liveBroadcastsPerSeller: 1,
    liveHoursPerMonth: 0,
    chatRetentionHours: 24,
  });
});
