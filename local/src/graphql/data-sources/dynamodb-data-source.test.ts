/**
 * The DynamoDB data source runs the request objects that @aws-appsync/utils/dynamodb helpers build,
 * against a real DynamoDB API (dynalite), and reports results and errors as AppSync does.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { get, operations, put, query, remove, scan, update } from '../runtime/dynamodb-helpers';
import { DynamoDBDataSource } from './dynamodb-data-source';
import { PageTokens } from './page-token';

let server: Server;
let client: DynamoDBClient;
let table: DynamoDBDataSource;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await client.send(
    new CreateTableCommand({
      TableName: 'items',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'owner', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byOwner',
          KeySchema: [
            { AttributeName: 'owner', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  table = new DynamoDBDataSource(client, 'items', new PageTokens('secret'));
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

test('put then get returns the item as plain JSON; a missing item is null', async () => {
  const item = { id: 'a', owner: 'u1', createdAt: '2026-01-01', name: 'A', count: 1, tags: ['x'] };
  expect(await table.execute(put({ key: { id: 'a' }, item }))).toEqual({ result: item });
  expect(await table.execute(get({ key: { id: 'a' } }))).toEqual({ result: item });
  expect(await table.execute(get({ key: { id: 'nope' } }))).toEqual({ result: null });
});

test('a failed condition is DynamoDB:ConditionalCheckFailedException with AppSync message', async () => {
  const outcome = await table.execute(
    put({
      key: { id: 'a' },
      item: { id: 'a', owner: 'u1', createdAt: '2026-01-01' },
      condition: { id: { attributeExists: false } },
    }),
  );
  expect(outcome.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
  expect(outcome.error?.message).toMatch(
    /^The conditional request failed \(Service: DynamoDb, Status Code: 400/,
  );
});

test('update sets, increments, appends and removes, and returns the new item', async () => {
  const outcome = await table.execute(
    update({
      key: { id: 'a' },
      update: { name: 'B', count: operations.increment(2), tags: operations.append(['y']), gone: undefined },
      condition: { owner: { eq: 'u1' } },
    }),
  );
  expect(outcome.result).toMatchObject({ name: 'B', count: 3, tags: ['x', 'y'] });
  const removed = await table.execute(update({ key: { id: 'a' }, update: { name: operations.remove() } }));
  expect(removed.result).not.toHaveProperty('name');
});

test('remove returns the item as it was', async () => {
  await table.execute(put({ key: { id: 'gone' }, item: { id: 'gone', owner: 'u9', createdAt: '1' } }));
  expect((await table.execute(remove({ key: { id: 'gone' } }))).result).toMatchObject({
    id: 'gone',
    owner: 'u9',
  });
  expect((await table.execute(get({ key: { id: 'gone' } }))).result).toBeNull();
});

describe('query and scan', () => {
  beforeAll(async () => {
    for (let index = 0; index < 5; index++) {
      await table.execute(
        put({
          key: { id: `q${index}` },
          item: { id: `q${index}`, owner: 'pager', createdAt: `2026-02-0${index + 1}` },
        }),
      );
    }
  });

  test('pages through an index with nextToken, newest first', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const { result } = await table.execute(
        query({
          index: 'byOwner',
          query: { owner: { eq: 'pager' } },
          limit: 2,
          nextToken,
          scanIndexForward: false,
        }),
      );
      const page = result as { items: { createdAt: string }[]; nextToken: string | null };
      seen.push(...page.items.map((item) => item.createdAt));
      nextToken = page.nextToken ?? undefined;
    } while (nextToken);
    expect(seen).toEqual(['2026-02-05', '2026-02-04', '2026-02-03', '2026-02-02', '2026-02-01']);
  });

  test('a forged or foreign nextToken is refused', async () => {
    const { result } = await table.execute(
      query({ index: 'byOwner', query: { owner: { eq: 'pager' } }, limit: 1 }),
    );
    const token = (result as { nextToken: string }).nextToken;
    const forged = `${token.slice(0, -2)}AA`;
    expect(
      (await table.execute(query({ index: 'byOwner', query: { owner: { eq: 'pager' } }, nextToken: forged })))
        .error?.type,
    ).toBe('DynamoDB:ValidationException');
    // A token from a query is not accepted by a scan.
    expect((await table.execute(scan({ nextToken: token }))).error?.message).toMatch(/nextToken is invalid/);
  });

  test('scan applies a filter', async () => {
    const { result } = await table.execute(
      scan({ filter: { owner: { eq: 'pager' }, createdAt: { beginsWith: '2026-02-0' } } }),
    );
    expect((result as { items: unknown[] }).items).toHaveLength(5);
  });
});

test('an operation the local runtime lacks is reported, not ignored', async () => {
  const outcome = await table.execute({ operation: 'TransactWriteItems', transactItems: [] });
  expect(outcome.error?.message).toMatch(/TransactWriteItems is not supported/);
});
