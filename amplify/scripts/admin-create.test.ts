/**
 * `npm run admin:create -- <email>` against a real Cognito API (the local stack's): a new person
 * becomes an admin who sets their own password through "Forgot your password?" and then signs in
 * as an admin; someone who already signed up keeps their account and becomes an admin too.
 */
import {
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { lastMessageTo } from '@golive/local/cognito/outbox';
import { cognitoClient, signIn } from '@golive/local/testing/api-clients';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';

let dir: string;
let stack: StackProcess;
let cognito: CognitoIdentityProviderClient;
let outputsFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'golive-admin-'));
  stack = await startStackProcess({ dataDir: join(dir, 'data') });
  const { info } = stack;
  cognito = cognitoClient(info);
  // What a deployment's amplify_outputs.json says about sign-in (the local stack names its endpoint).
  outputsFile = join(dir, 'amplify_outputs.json');
  writeFileSync(
    outputsFile,
    JSON.stringify({
      auth: { aws_region: info.region, user_pool_id: info.cognito.userPoolId },
      custom: { cognitoEndpoint: info.cognito.endpoint },
    }),
  );
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function adminCreate(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'amplify/scripts/admin-create.ts'), ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: stack.info.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: stack.info.credentials.secretAccessKey,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
}

/** The groups in the ID token a sign-in gets (what the API authorizes by). */
async function signInGroups(username: string, password: string): Promise<string[]> {
  const idToken = await signIn(stack.info, username, password);
  return ((decodeJwt(idToken)['cognito:groups'] as string[]) ?? []).sort();
}

test('a new person becomes an admin who sets their own password and signs in as one', async () => {
  const email = 'new-admin@example.com';
  const run = adminCreate(email, '--outputs', outputsFile);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`${email} is an admin`);
  expect(run.stdout).toContain('Forgot your password?');

  const user = await cognito.send(
    new AdminGetUserCommand({ UserPoolId: stack.info.cognito.userPoolId, Username: email }),
  );
  expect(user.UserStatus).toBe('CONFIRMED');
  expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
  // No invitation carried a password: the only mail is the reset code they ask for.
  expect(lastMessageTo(stack.info.cognito.outbox, email)).toBeUndefined();

  const clientId = stack.info.cognito.clientId;
  await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: email }));
  const code = lastMessageTo(stack.info.cognito.outbox, email)?.code;
  expect(code).toMatch(/^\d+$/);
  await cognito.send(
    new ConfirmForgotPasswordCommand({
      ClientId: clientId,
      Username: email,
      ConfirmationCode: code,
      Password: 'Chosen-by-them-1',
    }),
  );
  expect(await signInGroups(email, 'Chosen-by-them-1')).toEqual(['admins']);
}, 60_000);

test('someone who signed up keeps their account and becomes an admin', async () => {
  const seller = stack.info.demoUsers.find((user) => user.groups.includes('sellers'))!;
  const run = adminCreate(seller.username, '--outputs', outputsFile);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`${seller.username} already had an account and is now an admin`);
  // Their password still works, and their sign-in now carries both groups.
  expect(await signInGroups(seller.username, seller.password)).toEqual(['admins', 'sellers']);
}, 60_000);

test.each([
  [['not-an-email', '--outputs', '/dev/null'], /Usage: npm run admin:create -- <email>/],
  [['someone@example.com', '--outputs', '/nowhere/amplify_outputs.json'], /does not exist\. Deploy first/],
])('refuses %j with a message that says what to do', (args, message) => {
  const run = adminCreate(...args);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(message);
});
