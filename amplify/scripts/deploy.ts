/**
 * `npm run deploy:sandbox` (a personal cloud copy, from a developer's machine) and `npm run deploy`
 * (Amplify Hosting's build: amplify.yml). Both run Amplify's own CLI (ampx) after checking what it
 * needs, and write amplify_outputs.json into app/public, where the PWA build picks it up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { emailSender } from '../auth/email-sender';
import { REPO_ROOT } from '../repo-root';
import { DEFAULT_OUTPUTS, OUTPUTS_DIR } from './deployed-outputs';

/** Why ampx could not work here, in words that say what to do; none when it can. */
export function missingForDeploy(
  mode: string,
  env: Record<string, string | undefined>,
  home = homedir(),
): string[] {
  const missing: string[] = [];
  const credentials =
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) ||
    env.AWS_PROFILE ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    existsSync(join(home, '.aws', 'credentials')) ||
    existsSync(join(home, '.aws', 'config'));
  // Amplify Hosting's build runs with the app's service role, however it hands it over.
  if (!credentials && mode === 'sandbox') {
    missing.push(
      'No AWS credentials: run `aws configure sso` (or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). amplify/DEPLOY.md lists the permissions needed.',
    );
  }
  if (mode === 'pipeline' && !(env.AWS_APP_ID && env.AWS_BRANCH)) {
    missing.push(
      "`npm run deploy` runs in Amplify Hosting's build (amplify.yml), which sets AWS_APP_ID and AWS_BRANCH. From your machine, use `npm run deploy:sandbox`.",
    );
  }
  // Synthesis would refuse these too, but only after ampx has started (and less visibly).
  try {
    emailSender(env, mode === 'pipeline');
  } catch (error) {
    missing.push(`${(error as Error).message} (Amplify console: App settings, Environment variables.)`);
  }
  return missing;
}

function main(mode: string | undefined): number {
  if (mode !== 'sandbox' && mode !== 'pipeline') {
    console.error('Usage: deploy.ts sandbox|pipeline');
    return 2;
  }
  const missing = missingForDeploy(mode, process.env);
  if (missing.length > 0) {
    for (const line of missing) console.error(line);
    return 1;
  }
  const args =
    mode === 'sandbox'
      ? ['ampx', 'sandbox', '--once', '--outputs-out-dir', OUTPUTS_DIR, '--outputs-version', '1.4']
      : [
          'ampx',
          'pipeline-deploy',
          '--branch',
          process.env.AWS_BRANCH!,
          '--app-id',
          process.env.AWS_APP_ID!,
          '--outputs-out-dir',
          OUTPUTS_DIR,
          '--outputs-version',
          '1.4',
        ];
  const result = spawnSync('npx', args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.error) {
    console.error(`Could not run npx (${result.error.message}): is npm on PATH?`);
    return 1;
  }
  if (result.status === 0) {
    console.log(`\nDeployed. ${DEFAULT_OUTPUTS} points the PWA at it.`);
  }
  return result.status ?? 1;
}

if (process.argv[1]?.endsWith('deploy.ts')) process.exit(main(process.argv[2]));
