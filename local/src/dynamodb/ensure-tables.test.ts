/**
 * The local stack's tables follow resolvers/src/tables.ts, also in a data folder an older version
 * made: a table missing an index gains it with its items intact, so a developer's `.data` keeps
 * working (and keeps its channels) after an upgrade.
 */
import { CreateTableCommand, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { TABLES } from '@golive/resolvers/tables';
import { ensureTables, tableNameOf } from './ensure-tables';
import { describeTable } from './table-declarations';
import { useDynalite } from './testing/dynalite-client';

const dynamo = useDynalite();

const indexesOf = async (table: keyof typeof TABLES) =>
  ((await describeTable(dynamo.client, tableNameOf(table)))?.GlobalSecondaryIndexes ?? [])
    .map((index) => index.IndexName)
    .sort();

test('creates every table with the indexes tables.ts declares', async () => {
  await ensureTables(dynamo.client);
  for (const table of Object.keys(TABLES) as (keyof typeof TABLES)[]) {
    expect(await indexesOf(table)).toEqual(Object.keys(TABLES[table].indexes).sort());
  }
});

test('an endpoints table from before the byStatus index gets it, and keeps its rows', async () => {
  const TableName = tableNameOf('endpoints');
  // As the previous version created it: the key only.
  await dynamo.client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  const heartbeatAt = new Date().toISOString();
  await dynamo.client.send(
    new PutItemCommand({
      TableName,
      Item: {
        id: { S: 'tw-old' },
        url: { S: 'ws://127.0.0.1:9999/ingest' },
        status: { S: 'ACTIVE' },
        heartbeatAt: { S: heartbeatAt },
        capacity: { N: '10' },
      },
    }),
  );
  const lines: string[] = [];

  await ensureTables(dynamo.client, (line) => lines.push(line));

  expect(await indexesOf('endpoints')).toEqual(['byStatus']);
  expect(lines).toEqual([`Table ${TableName} was made by an older version: adding its index byStatus.`]);
  const kept = await dynamo.client.send(new GetItemCommand({ TableName, Key: { id: { S: 'tw-old' } } }));
  expect(kept.Item).toMatchObject({ url: { S: 'ws://127.0.0.1:9999/ingest' }, capacity: { N: '10' } });
  const live = await dynamo.client.send(
    new QueryCommand({
      TableName,
      IndexName: 'byStatus',
      KeyConditionExpression: '#status = :active AND heartbeatAt >= :since',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': { S: 'ACTIVE' }, ':since': { S: heartbeatAt } },
    }),
  );
  expect(live.Items?.map((item) => item.id?.S)).toEqual(['tw-old']);

  // Once up to date, a restart changes nothing.
  await ensureTables(dynamo.client, (line) => lines.push(line));
  expect(lines).toHaveLength(1);
});
