/**
 * What a local stack keeps in its data folder, and for whom: the folder is its owner's alone (0700,
 * every file holding the IAM secret 0600, and the secret on no process's command line or in its
 * environment) and one stack's at a time; items written through the DynamoDB API, the user pool
 * and the IAM credentials survive a restart, and a kill -9 after which the next start takes over;
 * with DYNAMODB_ENDPOINT set, the items live in that DynamoDB instead.
 */
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
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStackInfo } from './stack-info';
import { demoUser, signIn } from './testing/api-clients';
import { descendantsOf } from './testing/process-tree';
import { commandLine } from './testing/service-pids';
import { stopLeavingNothing } from './testing/stack-exit';
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

function dynamoClient(info: LocalStackInfo) {
  return new DynamoDBClient({
    endpoint: info.dynamodb.endpoint,
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

describe('a fresh data folder', () => {
  beforeAll(async () => {
    stack = await startStackProcess({ dataDir, env: { TRANSWRAP_INSTANCES: '1' } });
  });
  afterAll(async () => {
    await stack?.stop('SIGTERM');
    stack = undefined;
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

  test('is for its owner only, and every file holding its secret is 0600', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const { secretAccessKey } = stack!.info.credentials;
    const holders = filesUnder(dataDir).filter((file) => contentsOf(file).includes(secretAccessKey));
    expect(holders).toEqual(
      expect.arrayContaining([join(dataDir, 'local-stack.json'), join(dataDir, 'credentials.json')]),
    );
    for (const file of holders)
      expect({ file, mode: statSync(file).mode & 0o777 }).toEqual({ file, mode: 0o600 });
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

  test('a second stack on the same data folder refuses to start and says why', async () => {
    const second = spawnStack({ dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`A local stack is already running on ${dataDir} (pid ${stack!.pid})`);
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
    const idToken = await signIn(info, seller.username, seller.password);
    await jwtVerify(idToken, createRemoteJWKSet(new URL(info.cognito.jwksUrl)), {
      issuer: info.cognito.issuer,
    });
  });

  test('keeps its IAM credentials', () => {
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

test('with DYNAMODB_ENDPOINT set, a stack uses that DynamoDB, with its own credentials, instead of starting its own', async () => {
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
