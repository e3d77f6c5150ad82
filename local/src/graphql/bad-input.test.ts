/**
 * Bad input gets an AppSync-shaped answer and the server stays up: malformed requests and
 * GraphQL, wrong types, oversize values, forged or expired tokens, bad signatures, expired API
 * keys and expired tickets. Requests here are raw HTTP, to see exactly what a client receives.
 */
import { PutItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { importJWK, SignJWT, decodeJwt } from 'jose';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apolloClient, call } from '../testing/api-clients';
import { AUTH_TYPE } from '@golive/common/graphql-client';
import { ServerError } from '@apollo/client';
import * as op from '@golive/common/api-operations';
import { print } from 'graphql';
import { poll, within } from '@golive/common/testing/poll';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('bad-input');

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { errorType?: string | null; message: string }[] };
}

async function post(body: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(api.stack.info.graphql.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const asViewer = () => ({ 'x-api-key': api.stack.info.graphql.apiKey });
const asSeller = () => ({ authorization: api.who.tokens.seller });
const query = (text: string, variables?: unknown) => JSON.stringify({ query: text, variables });

async function stillServing(): Promise<void> {
  const { status, body } = await post(query('{ liveChannels { items { id } } }'), asViewer());
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
}

afterEach(stillServing);

describe('malformed requests', () => {
  test.each([
    ['not JSON', 'this is not json'],
    ['not an object', '[1,2]'],
    ['no query', '{"variables":{}}'],
    ['variables not an object', '{"query":"{ me { id } }","variables":"x"}'],
  ])('%s: 400 MalformedHttpRequestException', async (_case, body) => {
    const answer = await post(body, asSeller());
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.errorType).toBe('MalformedHttpRequestException');
  });

  test('a body over 1 MB: 413', async () => {
    const answer = await post(query(`{ me { id } } #${'x'.repeat(1024 * 1024)}`), asSeller());
    expect(answer.status).toBe(413);
  });

  test('broken GraphQL syntax: InvalidSyntax with a location', async () => {
    const answer = await post(query('{ me { id '), asSeller());
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0]).toMatchObject({
      errorType: 'InvalidSyntax',
      locations: [{ line: 1, column: 11, sourceName: null }],
    });
  });

  test('an unknown field or a wrong argument type: ValidationError', async () => {
    expect((await post(query('{ me { password } }'), asSeller())).body.errors?.[0]?.errorType).toBe(
      'ValidationError',
    );
    const wrongType = await post(query('mutation { createChannel(name: 5) { id } }'), asSeller());
    expect(wrongType.body.errors?.[0]?.errorType).toBe('ValidationError');
    const wrongVariable = await post(
      query('mutation M($n: String!) { createChannel(name: $n) { id } }', { n: { no: 1 } }),
      asSeller(),
    );
    expect(wrongVariable.body.errors?.[0]?.message).toMatch(/String cannot represent/);
  });

  test('a subscription over HTTP is refused with a pointer to the real-time endpoint', async () => {
    const answer = await post(query('subscription { onEndpointChanged { id } }'), asSeller());
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toMatch(/realtime/);
  });
});

describe('values the resolvers refuse', () => {
  test.each([
    ['an empty name', '   '],
    ['a name over 64 characters', 'x'.repeat(65)],
    ['a huge name', 'x'.repeat(100_000)],
    ['control characters', 'bad\u0000name'],
    ['markup', '<script>'],
  ])('createChannel with %s: ValidationError, nothing created', async (_case, name) => {
    const before = await call<{ myChannels: { items: unknown[] } }>(api.who.clients.seller, op.MY_CHANNELS, {
      limit: 100,
    });
    const outcome = await call(api.who.clients.seller, op.CREATE_CHANNEL, { name });
    expect(outcome.errors[0]).toMatchObject({ errorType: 'ValidationError' });
    const after = await call<{ myChannels: { items: unknown[] } }>(api.who.clients.seller, op.MY_CHANNELS, {
      limit: 100,
    });
    expect(after.data?.myChannels.items.length).toBe(before.data?.myChannels.items.length);
  });

  test('a page size out of range, an id with odd characters, a malformed AWSDateTime', async () => {
    expect((await call(api.who.clients.seller, op.MY_CHANNELS, { limit: 1000 })).errors[0]?.errorType).toBe(
      'ValidationError',
    );
    expect((await call(api.who.clients.viewer, op.CHANNEL, { id: '../../etc' })).errors[0]?.errorType).toBe(
      'ValidationError',
    );
    const badDate = await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
      input: { channelId: 'x', status: 'LIVE', at: 'yesterday' },
    });
    expect(badDate.errors[0]?.message).toMatch(/AWSDateTime/);
  });

  test('a nextToken that was not issued by the API is refused', async () => {
    const outcome = await call(api.who.clients.seller, op.MY_CHANNELS, {
      nextToken: 'eyJpZCI6eyJTIjoiYSJ9fQ',
    });
    expect(outcome.errors[0]?.message).toMatch(/nextToken is invalid/);
  });
});

describe('credentials', () => {
  test('no credentials at all: 401', async () => {
    const answer = await post(query('{ me { id } }'), {});
    expect(answer).toMatchObject({ status: 401, body: { errors: [{ errorType: 'UnauthorizedException' }] } });
  });

  test('a token with a tampered payload: 401', async () => {
    const [header, , signature] = api.who.tokens.seller.split('.');
    const payload = Buffer.from(
      JSON.stringify({ ...decodeJwt(api.who.tokens.seller), 'cognito:groups': ['admins'] }),
    ).toString('base64url');
    const answer = await post(query('{ me { id } }'), { authorization: `${header}.${payload}.${signature}` });
    expect(answer.status).toBe(401);
  });

  test('a client whose token is gone (signed out while a query was on its way) gets 401, not a query that never settles', async () => {
    const signedOut = apolloClient(api.stack.info, {
      type: AUTH_TYPE.AMAZON_COGNITO_USER_POOLS,
      jwtToken: () => Promise.reject(new Error('Sign in first.')),
    });
    try {
      const settled = signedOut.query({ query: op.MY_CHANNELS, fetchPolicy: 'no-cache' }).then(
        (result) => result.error,
        (error: unknown) => error,
      );
      const error = await within('the query to settle', settled, 10_000);
      expect(ServerError.is(error) && error.statusCode).toBe(401);
    } finally {
      signedOut.stop();
    }
  });

  test('an expired token: 401 "Token has expired."', async () => {
    // Signed with the stack's own Cognito key (in its data folder), so only the expiry is wrong.
    const keyFile = join(api.dataDir, 'cognito', 'signing-key.json');
    type Jwk = Parameters<typeof importJWK>[0] & { kid: string };
    const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as Jwk;
    const claims = decodeJwt(api.who.tokens.seller);
    const expired = await new SignJWT({ ...claims, iat: 1_600_000_000, exp: 1_600_003_600 })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .sign(await importJWK(jwk, 'RS256'));
    const answer = await post(query('{ me { id } }'), { authorization: expired });
    expect(answer).toMatchObject({
      status: 401,
      body: { errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }] },
    });
  });

  test('an unknown or expired API key: 401', async () => {
    expect(
      (await post(query('{ liveChannels { items { id } } }'), { 'x-api-key': 'da2-notakeyatall' })).status,
    ).toBe(401);
    const keysFile = join(api.dataDir, 'graphql', 'api-keys.json');
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as { id: string; expires: number }[];
    const old = { id: 'da2-expiredexpiredexpiredexp', expires: Math.floor(Date.now() / 1000) - 60 };
    const fresh = { id: 'da2-freshfreshfreshfreshfresh', expires: Math.floor(Date.now() / 1000) + 3600 };
    writeFileSync(keysFile, JSON.stringify([...keys, old, fresh]));
    // The server re-reads its key list at most once a second; the fresh key works once it has.
    await poll('the server to take the fresh API key', async () => {
      const { status } = await post(query('{ liveChannels { items { id } } }'), { 'x-api-key': fresh.id });
      return status === 200 ? true : undefined;
    });
    // The same read brought the expired one.
    const answer = await post(query('{ liveChannels { items { id } } }'), { 'x-api-key': old.id });
    expect(answer).toMatchObject({ status: 401, body: { errors: [{ errorType: 'UnauthorizedException' }] } });
  });

  test('an IAM request signed with the wrong secret, or altered after signing: 403', async () => {
    const url = new URL(api.stack.info.graphql.url);
    const sign = async (secretAccessKey: string, body: string) => {
      const signer = new SignatureV4({
        service: 'appsync',
        region: api.stack.info.region,
        credentials: { accessKeyId: api.stack.info.credentials.accessKeyId, secretAccessKey },
        sha256: Sha256,
      });
      const signed = await signer.sign({
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        headers: { host: url.host, 'content-type': 'application/json' },
        body,
      });
      return signed.headers;
    };
    const body = JSON.stringify({ query: print(op.ENDPOINTS) });
    const wrongSecret = await post(body, await sign('not-the-secret', body));
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.body.errors?.[0]?.errorType).toBe('InvalidSignatureException');
    const altered = await post(
      body.replace('Endpoints', 'Endpointz'),
      await sign(api.stack.info.credentials.secretAccessKey, body),
    );
    expect(altered.status).toBe(403);
  });
});

test('an expired ticket that DynamoDB TTL has not deleted yet is still refused', async () => {
  const dynamodb = new DynamoDBClient({
    endpoint: api.stack.info.dynamodb.endpoint,
    region: api.stack.info.region,
    credentials: { ...api.stack.info.credentials },
  });
  const past = Math.floor(Date.now() / 1000) - 5;
  await dynamodb.send(
    new PutItemCommand({
      TableName: 'golive-tickets',
      Item: {
        token: { S: 'expiredticket0000' },
        channelId: { S: 'nochannel' },
        owner: { S: 'nobody' },
        endpointId: { S: 'tw-1' },
        expiresAt: { S: new Date(past * 1000).toISOString() },
        expiresAtEpoch: { N: String(past) },
      },
    }),
  );
  dynamodb.destroy();
  const outcome = await call(api.who.clients.service, op.CLAIM_INGEST, {
    ticket: 'expiredticket0000',
    endpointId: 'tw-1',
  });
  expect(outcome.errors[0]).toMatchObject({ errorType: 'InvalidTicket' });
});
