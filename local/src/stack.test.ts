/**
 * The local stack as a user and an operator see it: `npm start` brings up DynamoDB and Cognito
 * APIs that the real AWS SDK clients talk to, data survives a restart, and stopping (or killing)
 * the stack leaves nothing running.
 */
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStackInfo } from './stack-info';
import { descendantsOf, stillRunning, type ProcessId } from './testing/process-tree';
import { spawnStack, startStackProcess, type StackProcess } from './testing/stack-process';

jest.setTimeout(90_000);

let dataDir: string;
let stack: StackProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
});
afterAll(async () => {
  await stack?.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function cognitoClient(info: LocalStackInfo) {
  return new CognitoIdentityProviderClient({
    endpoint: info.cognito.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
}

function dynamoClient(info: LocalStackInfo) {
  return new DynamoDBClient({
    endpoint: info.dynamodb.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
}

async function signIn(info: LocalStackInfo, username: string, password: string) {
  const client = cognitoClient(info);
  try {
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: info.cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    return AuthenticationResult;
  } finally {
    client.destroy();
  }
}

function demoUser(info: LocalStackInfo, group: 'sellers' | 'admins') {
  const user = info.demoUsers.find((candidate) => candidate.groups.includes(group));
  if (!user) throw new Error(`no demo user in ${group}`);
  return user;
}

/** Stops the stack and returns the processes it had started that are still running. */
async function stopAndListSurvivors(running: StackProcess, signal: NodeJS.Signals): Promise<ProcessId[]> {
  const children = descendantsOf(running.pid);
  expect(children.length).toBeGreaterThanOrEqual(1);
  await running.stop(signal);
  // Killed with SIGKILL, the stack cannot stop its services: they notice and exit by themselves.
  const deadline = Date.now() + 10_000;
  while (stillRunning(children).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return stillRunning(children);
}

describe('a fresh local stack', () => {
  beforeAll(async () => {
    stack = await startStackProcess({ dataDir, env: { TRANSWRAP_INSTANCES: '1' } });
  });

  test('publishes where its services are in local-stack.json', () => {
    const { info } = stack!;
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
    const { info } = stack!;
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
    const output = stack!.output();
    expect(output).toContain(stack!.info.app.url);
    expect(output).toContain(stack!.info.dynamodb.endpoint);
    expect(output).toContain(stack!.info.cognito.endpoint);
    for (const user of stack!.info.demoUsers) {
      expect(output).toContain(user.username);
      expect(output).toContain(user.password);
    }
  });

  test("signs the demo seller in through the Cognito API with an ID token signed by the pool's key", async () => {
    const { info } = stack!;
    const seller = demoUser(info, 'sellers');
    const tokens = await signIn(info, seller.username, seller.password);
    expect(tokens?.IdToken).toBeDefined();

    const { payload } = await jwtVerify(tokens!.IdToken!, createRemoteJWKSet(new URL(info.cognito.jwksUrl)), {
      issuer: info.cognito.issuer,
      audience: info.cognito.clientId,
    });
    expect(payload).toMatchObject({ token_use: 'id', email: seller.username, 'cognito:groups': ['sellers'] });
  });

  test('the demo admin signs in as a member of admins', async () => {
    const { info } = stack!;
    const admin = demoUser(info, 'admins');
    const tokens = await signIn(info, admin.username, admin.password);
    const { payload } = await jwtVerify(tokens!.IdToken!, createRemoteJWKSet(new URL(info.cognito.jwksUrl)));
    expect(payload['cognito:groups']).toEqual(['admins']);
  });

  test('a wrong password is refused the way Cognito refuses it', async () => {
    const seller = demoUser(stack!.info, 'sellers');
    const refusal = signIn(stack!.info, seller.username, 'not-the-password');
    await expect(refusal).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(refusal).rejects.toThrow('Incorrect username or password.');
  });

  test('a port already in use stops another start-up with a message naming it, leaving nothing running', async () => {
    const other = mkdtempSync(join(tmpdir(), 'local-stack-busy-'));
    const port = new URL(stack!.info.dynamodb.endpoint).port;
    const busy = spawnStack({ dataDir: other, env: { DYNAMODB_PORT: port } });
    const before = Date.now();
    let children: ProcessId[] = [];
    while (Date.now() - before < 3000 && busy.child.exitCode === null) {
      children = [...children, ...descendantsOf(busy.child.pid!)];
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await busy.exited).toBe(1);
    expect(busy.output()).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
    expect(stillRunning(children)).toEqual([]);
    rmSync(other, { recursive: true, force: true });
  });

  test('a token signed by anyone else does not verify against the pool', async () => {
    const { info } = stack!;
    const seller = demoUser(info, 'sellers');
    const tokens = await signIn(info, seller.username, seller.password);
    const [header, payload] = tokens!.IdToken!.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged signature').toString('base64url')}`;
    await expect(jwtVerify(forged, createRemoteJWKSet(new URL(info.cognito.jwksUrl)))).rejects.toThrow(
      /signature/,
    );
  });

  test('stores and reads items through the DynamoDB API', async () => {
    const dynamodb = dynamoClient(stack!.info);
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'notes',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    // dynalite makes a table ACTIVE a moment after answering, as DynamoDB does (later under load).
    await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 10 }, { TableName: 'notes' });
    await dynamodb.send(
      new PutItemCommand({ TableName: 'notes', Item: { id: { S: 'n1' }, text: { S: 'kept' } } }),
    );
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: 'notes', Key: { id: { S: 'n1' } } }),
    );
    expect(Item).toEqual({ id: { S: 'n1' }, text: { S: 'kept' } });
    dynamodb.destroy();
  });

  test('with DYNAMODB_ENDPOINT set, another stack uses that DynamoDB, with its own credentials, instead of starting its own', async () => {
    // Another DynamoDB that takes whatever credentials it is given, as DynamoDB Local does.
    const external = dynalite({ createTableMs: 0 });
    await new Promise<void>((resolve) => external.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(external.address() as AddressInfo).port}`;
    const other = mkdtempSync(join(tmpdir(), 'local-stack-external-'));
    const second = await startStackProcess({ dataDir: other, env: { DYNAMODB_ENDPOINT: endpoint } });
    try {
      expect(second.info.dynamodb.endpoint).toBe(endpoint);
      const services = descendantsOf(second.pid).filter((e) => e.ppid === second.pid && e.command === 'node');
      // cognito, ivs, graphql and the app, but no dynamodb of its own.
      expect(services).toHaveLength(4);
      const dynamodb = dynamoClient(second.info);
      const { TableNames } = await dynamodb.send(new ListTablesCommand({}));
      // The API made its tables there.
      expect(TableNames).toContain('golive-channels');
      dynamodb.destroy();
    } finally {
      expect(await stopAndListSurvivors(second, 'SIGTERM')).toEqual([]);
      rmSync(other, { recursive: true, force: true });
      await new Promise((resolve) => external.close(resolve));
    }
  });

  test('a second stack on the same data folder refuses to start and says why', async () => {
    const second = spawnStack({ dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`A local stack is already running on ${dataDir} (pid ${stack!.pid})`);
  });

  test('a signal during start-up stops whatever had started, leaving nothing running', async () => {
    const other = mkdtempSync(join(tmpdir(), 'local-stack-early-'));
    const early = spawnStack({ dataDir: other });
    let children: ProcessId[] = [];
    while (children.length < 2 && early.child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      children = descendantsOf(early.child.pid!);
    }
    early.child.kill('SIGTERM');
    expect(await early.exited).toBe(0);
    expect(stillRunning(children)).toEqual([]);
    expect(early.output()).toContain('Local stack stopped.');
    rmSync(other, { recursive: true, force: true });
  });

  test('stops on SIGTERM with no process left running and local-stack.json gone', async () => {
    // The six services: dynamodb, cognito, ivs, graphql, transwrap, app (tsx may also run an esbuild helper).
    const services = descendantsOf(stack!.pid).filter((e) => e.ppid === stack!.pid && e.command === 'node');
    expect(services).toHaveLength(6);
    const survivors = await stopAndListSurvivors(stack!, 'SIGTERM');
    expect(survivors).toEqual([]);
    expect(stack!.output()).toContain('Local stack stopped.');
    const { readStackInfo } = await import('./stack-info');
    expect(readStackInfo(dataDir)).toBeUndefined();
    stack = undefined;
  });
});

describe('the same data folder after a restart', () => {
  beforeAll(async () => {
    stack = await startStackProcess({ dataDir });
  });

  test('still has the item written before the restart', async () => {
    const dynamodb = dynamoClient(stack!.info);
    const { TableNames } = await dynamodb.send(new ListTablesCommand({}));
    expect(TableNames).toContain('notes');
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: 'notes', Key: { id: { S: 'n1' } } }),
    );
    expect(Item?.text).toEqual({ S: 'kept' });
    dynamodb.destroy();
  });

  test('still has the same user pool, and the demo seller still signs in', async () => {
    const { info } = stack!;
    const seller = demoUser(info, 'sellers');
    const tokens = await signIn(info, seller.username, seller.password);
    await jwtVerify(tokens!.IdToken!, createRemoteJWKSet(new URL(info.cognito.jwksUrl)), {
      issuer: info.cognito.issuer,
    });
  });

  test('keeps its IAM credentials', async () => {
    const { readFileSync } = await import('node:fs');
    const stored = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as unknown;
    expect(stack!.info.credentials).toEqual(stored);
  });

  test('killed with SIGKILL, its services exit by themselves, and the next start takes over', async () => {
    const userPoolId = stack!.info.cognito.userPoolId;
    expect(await stopAndListSurvivors(stack!, 'SIGKILL')).toEqual([]);
    stack = await startStackProcess({ dataDir });
    expect(stack.info.cognito.userPoolId).toBe(userPoolId);
    expect(await stopAndListSurvivors(stack, 'SIGINT')).toEqual([]);
    stack = undefined;
  });
});
