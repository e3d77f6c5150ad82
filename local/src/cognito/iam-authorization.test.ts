/**
 * Who may call what on the local Cognito, as on Cognito: the IAM-authorized actions (Admin*,
 * ListUsers, the pool's own configuration) need a SigV4 signature with the stack's credentials;
 * the public client actions (sign-up, sign-in, the signed-in user's own account) need none, and a
 * browser page may call those from any origin.
 */
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  type CognitoIdentityProviderServiceException,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStackInfo } from '../stack-info';
import { startStackProcess, type StackProcess } from '../testing/stack-process';
import { passwordSignIn, selfSignUp, unsignedCall } from './testing/public-api';

jest.setTimeout(60_000);

let dataDir: string;
let stack: StackProcess;
let info: LocalStackInfo;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'golive-cognito-iam-'));
  stack = await startStackProcess({ dataDir });
  info = stack.info;
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const unsigned = (target: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
  unsignedCall(info, target, body, headers);

function client(credentials = info.credentials) {
  return new CognitoIdentityProviderClient({
    endpoint: info.cognito.endpoint,
    region: info.region,
    credentials: { ...credentials },
  });
}

async function refusal(send: Promise<unknown>) {
  const error = (await send.then(
    () => undefined,
    (e: unknown) => e,
  )) as CognitoIdentityProviderServiceException | undefined;
  return error && { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
}

async function groupsOf(email: string, password: string) {
  return decodeJwt((await passwordSignIn(info, email, password)).IdToken)['cognito:groups'];
}

const MISSING_TOKEN = {
  __type: 'MissingAuthenticationTokenException',
  message: 'Missing Authentication Token',
};

test('an unsigned AdminAddUserToGroup is refused, and the self-signed-up user does not become an admin', async () => {
  await selfSignUp(info, 'mallory@example.com', 'Mallory-pw-1');
  const attempt = await unsigned('AdminAddUserToGroup', {
    UserPoolId: info.cognito.userPoolId,
    Username: 'mallory@example.com',
    GroupName: 'admins',
  });
  expect(attempt).toMatchObject({ status: 400, body: MISSING_TOKEN });
  expect(attempt.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  expect(await groupsOf('mallory@example.com', 'Mallory-pw-1')).toEqual(['sellers']);
});

test("an unsigned ListUsers is refused and reveals no one's email", async () => {
  const attempt = await unsigned('ListUsers', { UserPoolId: info.cognito.userPoolId });
  expect(attempt).toMatchObject({ status: 400, body: MISSING_TOKEN });
  expect(JSON.stringify(attempt.body)).not.toContain('@example.com');
});

test('a request signed with credentials other than the stack’s is refused as Cognito refuses it', async () => {
  const madeUp = client({ accessKeyId: 'AKIAMADEUPMADEUP0000', secretAccessKey: 'made-up' });
  expect(await refusal(madeUp.send(new ListUsersCommand({ UserPoolId: info.cognito.userPoolId })))).toEqual({
    name: 'UnrecognizedClientException',
    status: 400,
    message: 'The security token included in the request is invalid.',
  });
  const wrongSecret = client({
    accessKeyId: info.credentials.accessKeyId,
    secretAccessKey: 'not-the-secret',
  });
  expect(
    await refusal(wrongSecret.send(new ListUsersCommand({ UserPoolId: info.cognito.userPoolId }))),
  ).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
  madeUp.destroy();
  wrongSecret.destroy();
});

test('signed with the stack’s credentials, the admin actions work', async () => {
  await selfSignUp(info, 'promoted@example.com', 'Promoted-pw-1');
  const admin = client();
  const { Users = [] } = await admin.send(new ListUsersCommand({ UserPoolId: info.cognito.userPoolId }));
  const emails = Users.map((user) => user.Attributes?.find((a) => a.Name === 'email')?.Value);
  expect(emails).toEqual(expect.arrayContaining(['admin@example.com', 'promoted@example.com']));
  await admin.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: info.cognito.userPoolId,
      Username: 'promoted@example.com',
      GroupName: 'admins',
    }),
  );
  admin.destroy();
  expect(await groupsOf('promoted@example.com', 'Promoted-pw-1')).toEqual(expect.arrayContaining(['admins']));
});

/** Every action the AWS SDK knows, and whether it signs it (the SDK's auth schemes come from Cognito's API model). */
function sdkActions(): { action: string; signed: boolean }[] {
  const sdkClient = new CognitoIdentityProviderClient({ region: info.region });
  const schemes = sdkClient.config.httpAuthSchemeProvider;
  const actions = Object.keys(sdk)
    .filter((name) => /^[A-Z]\w+Command$/.test(name))
    .map((name) => name.slice(0, -'Command'.length));
  return actions.map((action) => ({
    action,
    signed: schemes({ operation: action, region: info.region }).some((s) => s.schemeId === 'aws.auth#sigv4'),
  }));
}

test('unsigned, every IAM-authorized action is refused and every public one is let through', async () => {
  const actions = sdkActions();
  expect(actions.filter((a) => a.signed).map((a) => a.action)).toEqual(
    expect.arrayContaining([
      'AdminAddUserToGroup',
      'ListUsers',
      'ListUsersInGroup',
      'CreateUserPool',
      'DescribeUserPool',
    ]),
  );
  expect(actions.filter((a) => !a.signed).map((a) => a.action)).toEqual(
    expect.arrayContaining([
      'SignUp',
      'ConfirmSignUp',
      'InitiateAuth',
      'GetUser',
      'GlobalSignOut',
      'RevokeToken',
    ]),
  );
  for (const { action, signed } of actions) {
    const { body } = await unsigned(action, {});
    if (signed) expect({ action, type: body.__type }).toEqual({ action, type: MISSING_TOKEN.__type });
    else expect({ action, type: body.__type }).not.toEqual({ action, type: MISSING_TOKEN.__type });
  }
});

test('a browser on the app’s page may call the public actions: preflight and answers as Cognito sends them', async () => {
  const origin = new URL(info.app.url).origin;
  const preflight = await fetch(info.cognito.endpoint, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent',
    },
  });
  expect(preflight.status).toBe(200);
  expect(Object.fromEntries(preflight.headers)).toMatchObject({
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type,x-amz-target,x-amz-user-agent',
    'access-control-max-age': '172800',
    'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
  });
  const answer = await unsigned(
    'InitiateAuth',
    {
      ClientId: info.cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'seller@example.com', PASSWORD: 'Seller-demo-1' },
    },
    { origin },
  );
  expect(answer.status).toBe(200);
  expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  expect(answer.headers.get('access-control-expose-headers')).toBe(
    'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
  );
});
