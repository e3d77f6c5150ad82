/**
 * `npm run deploy:sandbox` and `npm run deploy` say exactly what is missing before Amplify's CLI
 * starts (and fails later, less clearly); `npm run destroy` deletes nothing without --yes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { missingForDeploy } from './deploy';

/** A branch's email settings (SES), as the Amplify app's environment variables give them. */
const HOSTED = {
  GOLIVE_EMAIL_FROM: 'GoLive <no-reply@live.example.com>',
  GOLIVE_SES_IDENTITY_ARN: 'arn:aws:ses:eu-west-1:123456789012:identity/live.example.com',
};

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'golive-home-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('before deploying', () => {
  it.each([
    ['sandbox', {}, [/No AWS credentials: run `aws configure sso`/]],
    ['sandbox', { AWS_PROFILE: 'work' }, []],
    ['sandbox', { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's' }, []],
    ['sandbox', { AWS_ACCESS_KEY_ID: 'AKID' }, [/No AWS credentials/]],
    // Amplify Hosting's build: a role's credentials and the app and branch.
    [
      'pipeline',
      {
        ...HOSTED,
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds',
        AWS_APP_ID: 'd1',
        AWS_BRANCH: 'main',
      },
      [],
    ],
    ['pipeline', { ...HOSTED, AWS_APP_ID: 'd1', AWS_BRANCH: 'main' }, []],
    [
      'pipeline',
      { ...HOSTED, AWS_PROFILE: 'work' },
      [/runs in Amplify Hosting's build.*npm run deploy:sandbox/],
    ],
    // A branch's emails: SES, or Cognito's 50 a day said out loud.
    [
      'pipeline',
      { AWS_APP_ID: 'd1', AWS_BRANCH: 'main' },
      [/set GOLIVE_EMAIL_FROM .*GOLIVE_EMAIL_VIA_COGNITO=accept-50-per-day.*Environment variables/],
    ],
    ['pipeline', { AWS_APP_ID: 'd1', AWS_BRANCH: 'main', GOLIVE_EMAIL_VIA_COGNITO: 'accept-50-per-day' }, []],
    ['sandbox', { AWS_PROFILE: 'work', GOLIVE_EMAIL_FROM: 'x@example.com' }, [/go together/]],
  ] as [string, Record<string, string>, RegExp[]][])('%s with %j: %j', (mode, env, expected) => {
    const missing = missingForDeploy(mode, env, home);
    expect(missing).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(missing[i]).toMatch(pattern));
  });

  it('finds credentials that `aws configure` saved', () => {
    const withConfig = mkdtempSync(join(tmpdir(), 'golive-home-'));
    mkdirSync(join(withConfig, '.aws'));
    writeFileSync(join(withConfig, '.aws', 'config'), '[default]\nregion = eu-west-1\n');
    expect(missingForDeploy('sandbox', {}, withConfig)).toEqual([]);
    rmSync(withConfig, { recursive: true, force: true });
  });

  it('stops `npm run deploy:sandbox` without credentials, saying what to do', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'amplify/scripts/deploy.ts'), 'sandbox'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        env: { PATH: process.env.PATH, HOME: home },
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/No AWS credentials: run `aws configure sso`/);
  });
});

describe('npm run destroy', () => {
  const destroy = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'amplify/scripts/destroy.ts'), ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH, HOME: home },
    });

  it('deletes nothing without --yes, and says what it would delete', () => {
    const run = destroy();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /IVS channels, API, tables and transwrap, and a sandbox’s users \(a branch’s user pool is kept\)[\s\S]*npm run destroy -- --yes/,
    );
  });

  it('names the file when it is not an outputs file', () => {
    const outputs = join(home, 'broken.json');
    writeFileSync(outputs, '{ not json');
    const run = destroy('--yes', '--outputs', outputs);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${outputs} is not an amplify_outputs.json`);
  });

  it('needs a deployment’s outputs, not a local stack’s', () => {
    const outputs = join(home, 'local_outputs.json');
    writeFileSync(outputs, JSON.stringify({ auth: { aws_region: 'us-east-1', user_pool_id: 'local_x' } }));
    const run = destroy('--yes', '--outputs', outputs);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/names no deployment \(custom\.deploymentId\)/);
  });
});
