/**
 * The PostConfirmation trigger, run against a real Cognito API (the local stack's): whoever
 * confirms their own sign-up joins `sellers`; resetting a forgotten password changes no groups.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { SELF_SIGN_UP_GROUP } from '@golive/common/user-groups';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';
import type * as HandlerModule from './handler';

let dir: string;
let stack: StackProcess;
let cognito: CognitoIdentityProviderClient;
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
  cognito = new CognitoIdentityProviderClient({
    endpoint: info.cognito.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function confirmedUser(email: string): Promise<void> {
  const UserPoolId = stack.info.cognito.userPoolId;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: PASSWORD, Permanent: true }),
  );
}

async function groupsOf(email: string): Promise<string[]> {
  const signedIn = await cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.info.cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    }),
  );
  return (decodeJwt(signedIn.AuthenticationResult!.IdToken!)['cognito:groups'] as string[] | undefined) ?? [];
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
