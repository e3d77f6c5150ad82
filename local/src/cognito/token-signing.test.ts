/**
 * Tokens only the stack can make: the local Cognito signs with a key pair generated for this stack
 * (kept in its data folder, owner-only), not with the key cognito-local ships in its npm package,
 * and its JWKS publishes that one public key. A token minted with the packaged key is worthless.
 */
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWK } from 'jose';
import * as op from '@golive/common/api-operations';
import { print } from 'graphql';
import { signIn } from '../testing/api-clients';
import type { LocalStackInfo } from '../stack-info';
import { startStackProcess, type StackProcess } from '../testing/stack-process';

jest.setTimeout(60_000);

const PACKAGED_KEY = require.resolve('cognito-local/lib/keys/cognitoLocal.private.json');

let dir: string;
let stack: StackProcess;
let info: LocalStackInfo;
const dataDir = () => join(dir, 'data');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'golive-cognito-keys-'));
  stack = await startStackProcess({ dataDir: dataDir() });
  info = stack.info;
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** What anyone with cognito-local installed can make: a token signed with its packaged private key. */
async function forged(claims: Record<string, unknown>) {
  const { pem } = JSON.parse(readFileSync(PACKAGED_KEY, 'utf8')) as { pem: string };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
    .setIssuer(info.cognito.issuer)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(createPrivateKey(pem));
}

const forgedAdmin = () =>
  forged({
    sub: '00000000-0000-0000-0000-000000000000',
    aud: info.cognito.clientId,
    token_use: 'id',
    'cognito:username': 'mallory',
    'cognito:groups': ['admins'],
    email: 'mallory@example.com',
    email_verified: true,
  });

async function jwks(): Promise<JWK[]> {
  const response = await fetch(info.cognito.jwksUrl);
  return ((await response.json()) as { keys: JWK[] }).keys;
}

test("the local GraphQL API refuses an admin token minted with cognito-local's packaged key", async () => {
  const response = await fetch(info.graphql.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await forgedAdmin() },
    body: JSON.stringify({ query: print(op.CHANNELS), variables: { limit: 10 } }),
  });
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ errors: [{ errorType: 'UnauthorizedException' }] });
});

test('the JWKS holds exactly the stack’s own public key: real sign-ins verify against it, forged tokens do not', async () => {
  const { jwk: packaged } = JSON.parse(readFileSync(PACKAGED_KEY.replace('private', 'public'), 'utf8')) as {
    jwk: JWK;
  };
  const keys = await jwks();
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  expect(keys[0]!.n).not.toBe(packaged.n);
  expect(keys[0]).not.toHaveProperty('d');

  const keySet = createRemoteJWKSet(new URL(info.cognito.jwksUrl));
  const real = await signIn(info, 'admin@example.com', 'Admin-demo-1');
  await expect(jwtVerify(real, keySet, { issuer: info.cognito.issuer })).resolves.toBeDefined();
  await expect(jwtVerify(await forgedAdmin(), keySet, { issuer: info.cognito.issuer })).rejects.toThrow();
});

test('Cognito’s own API refuses a forged access token (it would read or change the victim’s account)', async () => {
  const victim = decodeJwt(await signIn(info, 'seller@example.com', 'Seller-demo-1'));
  const token = await forged({
    sub: victim.sub,
    username: victim['cognito:username'],
    client_id: info.cognito.clientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
  });
  for (const [target, body] of [
    ['GetUser', { AccessToken: token }],
    [
      'UpdateUserAttributes',
      { AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'mallory@example.com' }] },
    ],
  ] as const) {
    const response = await fetch(info.cognito.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      },
      body: JSON.stringify(body),
    });
    expect({ target, status: response.status, body: (await response.json()) as unknown }).toEqual({
      target,
      status: 400,
      body: { __type: 'NotAuthorizedException', message: 'Invalid Access Token' },
    });
  }
  expect(decodeJwt(await signIn(info, 'seller@example.com', 'Seller-demo-1')).email).toBe(
    'seller@example.com',
  );
});

test('the key is kept owner-only in the data folder, survives a restart, and differs between stacks', async () => {
  const before = await jwks();
  const issuedBefore = await signIn(info, 'seller@example.com', 'Seller-demo-1');
  const keyFile = join(dataDir(), 'cognito', 'signing-key.json');
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  // As is the folder it is in, with the users and their passwords.
  expect(statSync(join(dataDir(), 'cognito')).mode & 0o777).toBe(0o700);

  await stack.stop();
  stack = await startStackProcess({ dataDir: dataDir() });
  info = stack.info;
  expect(await jwks()).toEqual(before);
  const keySet = createRemoteJWKSet(new URL(info.cognito.jwksUrl));
  // (The issuer names the port, a new one here; the signature is what must still hold.)
  await expect(jwtVerify(issuedBefore, keySet)).resolves.toBeDefined();

  const other = await startStackProcess({ dataDir: join(dir, 'other') });
  try {
    const otherKeys = ((await (await fetch(other.info.cognito.jwksUrl)).json()) as { keys: JWK[] }).keys;
    expect(otherKeys[0]!.n).not.toBe(before[0]!.n);
    const fromOther = await signIn(other.info, 'seller@example.com', 'Seller-demo-1');
    await expect(jwtVerify(fromOther, keySet)).rejects.toThrow();
  } finally {
    await other.stop();
  }
}, 120_000);
