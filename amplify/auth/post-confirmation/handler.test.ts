/**
 * The PostConfirmation trigger, run against a real Cognito API (the local stack's): whoever
 * confirms their own sign-up joins `sellers`; resetting a forgotten password changes no groups.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { SELF_SIGN_UP_GROUP } from '@golive/common/user-groups';
import { createUser, signIn } from '@golive/local/testing/api-clients';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';
import type * as HandlerModule from './handler';

let dir: string;
let stack: StackProcess;
let handler: typeof HandlerModule.handler;
const PASSWORD = 'Some-password-1';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'golive-trigger-'));
  stack = await startStackProcess({ dataDir: join(dir, 'data') });
  const { info } = stack;
  // What Lambda gives the function in AWS: its environment (amplify/auth/post-confirmation/resource.ts)
  // and credentials; here the SDK's endpoint variable points it at the local Cognito.
  Object.assign(process.env, {
    GROUP_NAME: SELF_SIGN_UP_GROUP,
    AWS_REGION: info.region,
    AWS_ACCESS_KEY_ID: info.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: info.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: info.cognito.endpoint,
  });
  ({ handler } = await import('./handler'));
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A confirmed user in no group: what Cognito hands the trigger. */
const confirmedUser = (email: string) => createUser(stack.info, email, PASSWORD, []);

async function groupsOf(email: string): Promise<string[]> {
  const idToken = await signIn(stack.info, email, PASSWORD);
  return (decodeJwt(idToken)['cognito:groups'] as string[] | undefined) ?? [];
}

const event = (triggerSource: string, userName: string) => ({
  version: '1',
  region: stack.info.region,
  userPoolId: stack.info.cognito.userPoolId,
  userName,
  triggerSource,
  request: { userAttributes: { email: userName } },
  response: {},
});

test(`someone who confirms their own sign-up joins ${SELF_SIGN_UP_GROUP}, and Cognito gets its event back`, async () => {
  await confirmedUser('signed-up@example.com');
  expect(await groupsOf('signed-up@example.com')).toEqual([]);
  const given = event('PostConfirmation_ConfirmSignUp', 'signed-up@example.com');
  await expect(handler(given)).resolves.toBe(given);
  expect(await groupsOf('signed-up@example.com')).toEqual([SELF_SIGN_UP_GROUP]);
});

test('resetting a forgotten password joins no group', async () => {
  await confirmedUser('reset@example.com');
  await handler(event('PostConfirmation_ConfirmForgotPassword', 'reset@example.com'));
  expect(await groupsOf('reset@example.com')).toEqual([]);
});
