/**
 * Where cognito-local's actions do less than Cognito's, as a user of the app notices: confirming a
 * sign-up with the emailed code verifies the address, and signing out everywhere ends every session.
 */
import { decodeJwt } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStackInfo } from '../stack-info';
import { startStackProcess, type StackProcess } from '../testing/stack-process';
import { passwordSignIn, selfSignUp, unsignedCall } from './testing/public-api';

let dataDir: string;
let stack: StackProcess;
let info: LocalStackInfo;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'golive-cognito-targets-'));
  stack = await startStackProcess({ dataDir });
  info = stack.info;
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const refresh = (RefreshToken: string) =>
  unsignedCall(info, 'InitiateAuth', {
    ClientId: info.cognito.clientId,
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: RefreshToken },
  });

test('a confirmed self sign-up has a verified email in its tokens', async () => {
  await selfSignUp(info, 'new-seller@example.com', 'New-seller-1');
  const { IdToken } = await passwordSignIn(info, 'new-seller@example.com', 'New-seller-1');
  expect(decodeJwt(IdToken)).toMatchObject({ email: 'new-seller@example.com', email_verified: true });
});

test('GlobalSignOut answers, and no session (on any device) can get new tokens afterwards', async () => {
  const phone = await passwordSignIn(info, 'seller@example.com', 'Seller-demo-1');
  const laptop = await passwordSignIn(info, 'seller@example.com', 'Seller-demo-1');
  expect((await refresh(laptop.RefreshToken)).status).toBe(200);

  const signOut = await unsignedCall(info, 'GlobalSignOut', { AccessToken: phone.AccessToken });
  expect({ status: signOut.status, body: signOut.body }).toEqual({ status: 200, body: {} });

  for (const session of [phone, laptop]) {
    expect(await refresh(session.RefreshToken)).toMatchObject({
      status: 400,
      body: { __type: 'NotAuthorizedException' },
    });
  }
  // Signing in again starts a new session.
  const again = await passwordSignIn(info, 'seller@example.com', 'Seller-demo-1');
  expect((await refresh(again.RefreshToken)).status).toBe(200);
});
