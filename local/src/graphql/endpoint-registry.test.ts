/**
 * The endpoint registry as it is after months of running: every task ever started left a row
 * (stopped ones, and ones that died without a word and still say ACTIVE). However many, a seller's
 * startBroadcast goes to the live endpoint, and an admin pages through them. The local DynamoDB
 * has no TTL, as AWS's TTL may not have run yet: nothing may rely on old rows being gone.
 */
import {
  BatchWriteItemCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import * as op from '@golive/common/api-operations';
import { tableNameOf } from '../dynamodb/ensure-tables';
import { call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('endpoint-registry');
const STALE_ROWS = 10_000;
const TableName = tableNameOf('endpoints');

let dynamodb: DynamoDBClient;
beforeAll(() => {
  const { info } = api.stack;
  dynamodb = new DynamoDBClient({
    endpoint: info.dynamodb.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
});
afterAll(() => dynamodb?.destroy());

/** A task from `daysAgo` days back, as registration and heartbeats left its row. */
function staleRow(index: number): Record<string, AttributeValue> {
  const daysAgo = 1 + (index % 90);
  const lastWord = new Date(Date.now() - daysAgo * 86_400_000 - index * 1000);
  return marshall({
    id: randomUUID().split('-').join(''),
    url: 'wss://ingest.golive.example/ingest',
    region: 'eu-west-1',
    // A third died without saying so: ACTIVE, silent since.
    status: index % 3 === 0 ? 'ACTIVE' : 'STOPPED',
    sessions: 0,
    capacity: 30,
    load: 0,
    heartbeatAt: lastWord.toISOString(),
    startedAt: new Date(lastWord.getTime() - 3_600_000).toISOString(),
    expiresAtEpoch: Math.floor(lastWord.getTime() / 1000) + 86_400,
  });
}

async function writeStaleRows() {
  const rows = Array.from({ length: STALE_ROWS }, (_, index) => staleRow(index));
  for (let start = 0; start < rows.length; start += 25) {
    let requests: WriteRequest[] = rows.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const { UnprocessedItems } = await dynamodb.send(
        new BatchWriteItemCommand({ RequestItems: { [TableName]: requests } }),
      );
      requests = UnprocessedItems?.[TableName] ?? [];
    }
  }
}

/**
 * An id whose row lies past the first page (1 MB) of a Scan of the registry: the worst case for a
 * reader that reads one page, and what any row is once the registry has grown enough.
 */
async function idBeyondFirstScanPage(): Promise<string> {
  for (let candidate = 0; ; candidate++) {
    const id = `tw-live-${candidate}`;
    // Its row as the registry will hold it (a stopped one until the task registers).
    const row = { ...staleRow(1), id: { S: id } };
    await dynamodb.send(
      new BatchWriteItemCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: row } }] } }),
    );
    const firstPage = await dynamodb.send(new ScanCommand({ TableName, ProjectionExpression: 'id' }));
    expect(firstPage.LastEvaluatedKey).toBeDefined(); // the registry is past one page
    if (!firstPage.Items?.some((item) => item.id?.S === id)) return id;
  }
}

let liveId: string;

beforeAll(async () => {
  await writeStaleRows();
  liveId = await idBeyondFirstScanPage();
  // The live task registers as transwrap does: by the API, which it then heartbeats.
  const input = { id: liveId, url: 'ws://127.0.0.1:9999/ingest', region: 'local', capacity: 30 };
  expect((await call(api.who.clients.service, op.REGISTER_ENDPOINT, { input })).errors).toEqual([]);
  expect(
    (await call(api.who.clients.service, op.SET_ENDPOINT_STATUS, { id: liveId, status: 'ACTIVE' })).errors,
  ).toEqual([]);
}, 600_000);

test(`with ${STALE_ROWS} stale rows in the registry, startBroadcast sends the seller to the live endpoint`, async () => {
  const created = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name: 'Busy registry',
  });
  expect(created.errors).toEqual([]);
  for (let broadcast = 0; broadcast < 3; broadcast++) {
    const started = await call<{ startBroadcast: { url: string; endpoint: { id: string } } }>(
      api.who.clients.seller,
      op.START_BROADCAST,
      { channelId: created.data!.createChannel.id },
    );
    expect(started.errors).toEqual([]);
    expect(started.data?.startBroadcast).toMatchObject({
      url: 'ws://127.0.0.1:9999/ingest',
      endpoint: { id: liveId },
    });
  }
});

type EndpointsPage = { endpoints: { items: { id: string; status: string }[]; nextToken: string | null } };

test('an admin lists the ACTIVE endpoints latest heartbeat first: the live one leads, the silent ones follow', async () => {
  const first = await call<EndpointsPage>(api.who.clients.admin, op.ENDPOINTS, {
    status: 'ACTIVE',
    limit: 5,
  });
  expect(first.errors).toEqual([]);
  expect(first.data?.endpoints.items[0]?.id).toBe(liveId);
  expect(first.data?.endpoints.items.map((endpoint) => endpoint.status)).toEqual(Array(5).fill('ACTIVE'));
  const second = await call<EndpointsPage>(api.who.clients.admin, op.ENDPOINTS, {
    status: 'ACTIVE',
    limit: 5,
    nextToken: first.data?.endpoints.nextToken,
  });
  expect(second.errors).toEqual([]);
  const firstIds = new Set(first.data?.endpoints.items.map((endpoint) => endpoint.id));
  expect(second.data?.endpoints.items).toHaveLength(5);
  expect(second.data?.endpoints.items.filter((endpoint) => firstIds.has(endpoint.id))).toEqual([]);
});

test('without a status, an admin pages through the whole registry', async () => {
  const first = await call<EndpointsPage>(api.who.clients.admin, op.ENDPOINTS, { limit: 100 });
  expect(first.errors).toEqual([]);
  expect(first.data?.endpoints.items).toHaveLength(100);
  const second = await call<EndpointsPage>(api.who.clients.admin, op.ENDPOINTS, {
    limit: 100,
    nextToken: first.data?.endpoints.nextToken,
  });
  const firstIds = new Set(first.data?.endpoints.items.map((endpoint) => endpoint.id));
  expect(second.data?.endpoints.items).toHaveLength(100);
  expect(second.data?.endpoints.items.filter((endpoint) => firstIds.has(endpoint.id))).toEqual([]);
});
