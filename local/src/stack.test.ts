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
import { IvsClient, ListChannelsCommand } from '@aws-sdk/client-ivs';
import { REPO_ROOT } from '@golive/common/repo-paths';
import dynalite from 'dynalite';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './process/is-alive';
import { commandLine, serviceProcess } from './process/testing/service-pids';
import { poll, until } from '@golive/common/testing/poll';
import { readStackInfo, type LocalStackInfo } from './stack-info';
import { descendantsOf, stillRunning, type ProcessId } from './testing/process-tree';
import { spawnStack, startStackProcess, type StackProcess } from './testing/stack-process';

jest.setTimeout(90_000);

let dataDir: string;
let stack: StackProcess | undefined;

let parentDir: string;

beforeAll(() => {
  parentDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
  // A folder the stack creates itself, as it creates .data on a first `npm start`.
  dataDir = join(parentDir, 'data');
});
afterAll(async () => {
  await stack?.stop('SIGKILL');
  rmSync(parentDir, { recursive: true, force: true });
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

/** Waits (10 s at most) for these processes to exit; fails naming those still running. */
async function allExited(processes: ProcessId[]): Promise<void> {
  await poll(
    () => `the stack's processes to exit (still running: ${JSON.stringify(stillRunning(processes))})`,
    () => (stillRunning(processes).length === 0 ? true : undefined),
    10_000,
  );
}

/** Stops the stack and waits for every process it had started to exit. */
async function stopLeavingNothing(running: StackProcess, signal: NodeJS.Signals): Promise<void> {
  const children = descendantsOf(running.pid);
  expect(children.length).toBeGreaterThanOrEqual(1);
  await running.stop(signal);
  // Killed with SIGKILL, the stack cannot stop its services: they notice and exit by themselves.
  await allExited(children);
}

/** Every port the stack listens on, from what it published. */
function portsOf(info: LocalStackInfo): number[] {
  const urls = [
    info.dynamodb.endpoint,
    info.cognito.endpoint,
    info.graphql.url,
    info.ivs.endpoint,
    info.app.url,
  ];
  const ingest = [info.ivs.rtmpUrl, info.ivs.rtmpsUrl].map((url) => url.replace(/^rtmps?:/, 'http:'));
  return [...urls, ...ingest, ...info.transwrap.map((instance) => instance.url)].map((url) =>
    Number(new URL(url).port),
  );
}

/** Whether nothing listens on this port any more (it can be listened on again). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function ivsClient(info: LocalStackInfo) {
  return new IvsClient({
    endpoint: info.ivs.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
}

/** A file's contents, or nothing if it went away meanwhile (LevelDB replaces its files). */
function contentsOf(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
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
    // Every process it starts, seen while it runs (a child left behind would outlive it).
    let children: ProcessId[] = [];
    await until(
      'the start-up on a busy port to exit',
      () => {
        children = [...children, ...descendantsOf(busy.child.pid!)];
        return busy.child.exitCode !== null;
      },
      30_000,
    );
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
      await stopLeavingNothing(second, 'SIGTERM');
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
    await until(
      'two processes of the starting stack',
      () => {
        children = descendantsOf(early.child.pid!);
        return children.length >= 2 || early.child.exitCode !== null;
      },
      30_000,
    );
    early.child.kill('SIGTERM');
    expect(await early.exited).toBe(0);
    expect(stillRunning(children)).toEqual([]);
    expect(early.output()).toContain('Local stack stopped.');
    rmSync(other, { recursive: true, force: true });
  });

  test('no process of the stack has its IAM secret on its command line or in its environment', () => {
    const { secretAccessKey } = stack!.info.credentials;
    const processes = [stack!.pid, ...descendantsOf(stack!.pid).map((entry) => entry.pid)];
    // The stack and its six services at least (and tsx's helpers).
    expect(processes.length).toBeGreaterThanOrEqual(7);
    for (const pid of processes) {
      expect(commandLine(pid)).not.toContain(secretAccessKey);
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(secretAccessKey);
    }
  });

  test('its data folder is for its owner only, and every file holding its secret is 0600', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const { secretAccessKey } = stack!.info.credentials;
    const holders = filesUnder(dataDir).filter((file) => contentsOf(file).includes(secretAccessKey));
    expect(holders).toEqual(
      expect.arrayContaining([join(dataDir, 'local-stack.json'), join(dataDir, 'credentials.json')]),
    );
    for (const file of holders)
      expect({ file, mode: statSync(file).mode & 0o777 }).toEqual({ file, mode: 0o600 });
  });

  test('kill -9 of IVS: the stack restarts it on the same port, says so, and it answers again', async () => {
    const before = serviceProcess(stack!.pid, 'ivs');
    const back = stack!.printed(/^\[ivs\] is back/);
    process.kill(before.pid, 'SIGKILL');
    await back;
    expect(stack!.output()).toContain('[ivs] exited unexpectedly (SIGKILL)');
    expect(serviceProcess(stack!.pid, 'ivs').pid).not.toBe(before.pid);
    const ivs = ivsClient(stack!.info);
    await expect(ivs.send(new ListChannelsCommand({}))).resolves.toHaveProperty('channels');
    ivs.destroy();
  });

  test('kill -9 of transwrap: a replacement task takes over, and local-stack.json names it', async () => {
    const [before] = stack!.info.transwrap;
    const back = stack!.printed(/^\[transwrap-1\] is back/);
    process.kill(before!.pid, 'SIGKILL');
    await back;
    const [after] = readStackInfo(dataDir)!.transwrap;
    // As ECS replaces a task: a new task id, its own address.
    expect(after!.id).toBe('tw-local-1-2');
    expect(after!.pid).not.toBe(before!.pid);
    expect(isAlive(after!.pid)).toBe(true);
    expect((await fetch(after!.healthUrl)).ok).toBe(true);
    stack!.info.transwrap[0] = after!;
  });

  test('stops on SIGTERM with no process left running and local-stack.json gone', async () => {
    // The six services: dynamodb, cognito, ivs, graphql, transwrap, app (tsx may also run an esbuild helper).
    const services = descendantsOf(stack!.pid).filter((e) => e.ppid === stack!.pid && e.command === 'node');
    expect(services).toHaveLength(6);
    await stopLeavingNothing(stack!, 'SIGTERM');
    for (const port of portsOf(stack!.info))
      expect({ port, free: await isFree(port) }).toEqual({ port, free: true });
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
    await stopLeavingNothing(stack!, 'SIGKILL');
    stack = await startStackProcess({ dataDir });
    expect(stack.info.cognito.userPoolId).toBe(userPoolId);
    await stopLeavingNothing(stack, 'SIGINT');
    stack = undefined;
  });
});

describe('stopped from outside', () => {
  let outside: string;
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'local-stack-outside-'));
  });
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  test('SIGHUP (its terminal closed) stops it cleanly: no process left, local-stack.json gone', async () => {
    const running = await startStackProcess({ dataDir: outside });
    const children = descendantsOf(running.pid);
    expect(await running.stop('SIGHUP')).toBe(0);
    await allExited(children);
    expect(running.output()).toContain('Local stack stopped.');
    expect(readStackInfo(outside)).toBeUndefined();
  });

  test('SIGTERM to `npm start` alone, as a process manager or an IDE sends it, stops the whole stack and frees its ports', async () => {
    const zero = ['DYNAMODB', 'COGNITO', 'GRAPHQL', 'IVS', 'IVS_RTMP', 'IVS_RTMPS', 'TRANSWRAP', 'APP'];
    // Without its pre-script (which installs and builds): the start script itself, as npm runs it.
    const npm = spawn('npm', ['start', '--ignore-scripts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOCAL_DATA_DIR: outside,
        TRANSWRAP_INSTANCES: '1',
        ...Object.fromEntries(zero.map((service) => [`${service}_PORT`, '0'])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [npm.stdout, npm.stderr])
      stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const info = await poll(
      () => `local-stack.json from \`npm start\`; it printed:\n${output}`,
      () => {
        if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}):\n${output}`);
        return readStackInfo(outside);
      },
      60_000,
    );
    const processes = descendantsOf(npm.pid!);
    expect(processes.map((entry) => entry.pid)).toContain(info.pid);

    npm.kill('SIGTERM');
    try {
      await allExited(processes);
      for (const port of portsOf(info))
        expect({ port, free: await isFree(port) }).toEqual({ port, free: true });
      expect(readStackInfo(outside)).toBeUndefined();
    } finally {
      // A stack left running by a failure here would outlive the test run: its services follow it.
      for (const { pid } of stillRunning(processes)) if (pid === info.pid) process.kill(pid, 'SIGKILL');
    }
  });
});
