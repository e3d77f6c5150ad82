/**
 * The local stack as a user sees it after `npm start`: it says where its services are (in
 * local-stack.json and in what it prints, with the demo users to sign in with), serves the PWA
 * with an amplify_outputs.json that holds nothing secret, and signs the demo users in through a
 * Cognito API the real AWS SDK client talks to, with ID tokens that only the pool's key signs.
 * What the stack keeps, and for whom: stack-data.test.ts; its processes: stack-processes.test.ts.
 */
import { NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUser, signIn } from './testing/api-clients';
import { startStackProcess, type StackProcess } from './testing/stack-process';

jest.setTimeout(90_000);

let dataDir: string;
let stack: StackProcess;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
  stack = await startStackProcess({ dataDir, env: { TRANSWRAP_INSTANCES: '1' } });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('publishes where its services are in local-stack.json', () => {
  const { info } = stack;
  expect(info.region).toBe('us-east-1');
  expect(info.dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(info.cognito.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(info.cognito.userPoolId).toMatch(/^\w+_\w+$/);
  expect(info.ivs.rtmpsUrl).toMatch(/^rtmps:\/\/127\.0\.0\.1:\d+\/app\/$/);
  expect(info.transwrap).toEqual([
    {
      id: 'tw-local-1',
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/ingest$/) as unknown,
      healthUrl: expect.any(String) as unknown,
      pid: expect.any(Number) as unknown,
    },
  ]);
  expect(info.credentials.accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
  expect(info.credentials.secretAccessKey.length).toBeGreaterThanOrEqual(40);
  expect(info.demoUsers.map((user) => user.groups)).toEqual(
    expect.arrayContaining([['sellers'], ['admins']]),
  );
});

test('serves the PWA, routes every page to it, and gives it amplify_outputs.json with nothing secret', async () => {
  const { info } = stack;
  const page = await fetch(new URL('watch/some-channel', info.app.url));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  expect((await fetch(new URL('assets/no-such-chunk.js', info.app.url))).status).toBe(404);
  const outputs = await fetch(new URL('amplify_outputs.json', info.app.url));
  const text = await outputs.text();
  expect(JSON.parse(text)).toMatchObject({
    auth: { user_pool_id: info.cognito.userPoolId, user_pool_client_id: info.cognito.clientId },
    data: { url: info.graphql.url, api_key: info.graphql.apiKey, aws_region: info.region },
    custom: { cognitoEndpoint: info.cognito.endpoint },
  });
  expect(text).not.toContain(info.credentials.secretAccessKey);
  for (const user of info.demoUsers) expect(text).not.toContain(user.password);
});

test('prints the service URLs and the demo users to sign in with', () => {
  const output = stack.output();
  expect(output).toContain(stack.info.app.url);
  expect(output).toContain(stack.info.dynamodb.endpoint);
  expect(output).toContain(stack.info.cognito.endpoint);
  for (const user of stack.info.demoUsers) {
    expect(output).toContain(user.username);
    expect(output).toContain(user.password);
  }
});

test("signs the demo seller in through the Cognito API with an ID token signed by the pool's key", async () => {
  const { info } = stack;
  const seller = demoUser(info, 'sellers');
  const idToken = await signIn(info, seller.username, seller.password);
  const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(info.cognito.jwksUrl)), {
    issuer: info.cognito.issuer,
    audience: info.cognito.clientId,
  });
  expect(payload).toMatchObject({ token_use: 'id', email: seller.username, 'cognito:groups': ['sellers'] });
});

test('the demo admin signs in as a member of admins', async () => {
  const { info } = stack;
  const admin = demoUser(info, 'admins');
  const idToken = await signIn(info, admin.username, admin.password);
  const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(info.cognito.jwksUrl)));
  expect(payload['cognito:groups']).toEqual(['admins']);
});

test('a wrong password is refused the way Cognito refuses it', async () => {
  const seller = demoUser(stack.info, 'sellers');
  const refusal = signIn(stack.info, seller.username, 'not-the-password');
  await expect(refusal).rejects.toBeInstanceOf(NotAuthorizedException);
  await expect(refusal).rejects.toThrow('Incorrect username or password.');
});

test('a token signed by anyone else does not verify against the pool', async () => {
  const { info } = stack;
  const seller = demoUser(info, 'sellers');
  const [header, payload] = (await signIn(info, seller.username, seller.password)).split('.');
  const forged = `${header}.${payload}.${Buffer.from('forged signature').toString('base64url')}`;
  await expect(jwtVerify(forged, createRemoteJWKSet(new URL(info.cognito.jwksUrl)))).rejects.toThrow(
    /signature/,
  );
});
