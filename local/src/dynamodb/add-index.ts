/**
 * Adds a global secondary index to a table that exists without it (one kept from an older
 * version). DynamoDB (AWS, DynamoDB Local) creates it in place with UpdateTable and backfills it.
 * dynalite cannot (it refuses an index without provisioned throughput and ignores one with it),
 * so there the table is rebuilt: its items are read out, the table is made again with every index
 * of its definition, and the items are written back. Local tables are one developer's, small, and
 * this happens once per new index per data folder.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBServiceException,
  paginateScan,
  UpdateTableCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
  type AttributeValue,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '@golive/resolvers/tables';
import { createTableInput, describeTable } from './table-declarations';

/** AWS backfills an index over minutes for a large table; a local one takes moments. */
const INDEX_BACKFILL_MAX_SECONDS = 30 * 60;
const BATCH_WRITE_MAX = 25;

type Item = Record<string, AttributeValue>;

export async function addIndex(
  client: DynamoDBClient,
  TableName: string,
  definition: TableDefinition,
  index: GlobalSecondaryIndex,
): Promise<void> {
  const keys = (index.KeySchema ?? []).map((key) => key.AttributeName!);
  try {
    await client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: keys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  } catch (error) {
    // dynalite's answer to an index without provisioned throughput; anything else is a real failure.
    if (!(error instanceof DynamoDBServiceException && error.name === 'ValidationException')) throw error;
  }
  if (await indexListed(client, TableName, index.IndexName!)) {
    return waitForIndex(client, TableName, index.IndexName!);
  }
  await rebuild(client, TableName, definition);
}

async function indexListed(client: DynamoDBClient, TableName: string, IndexName: string) {
  const table = await describeTable(client, TableName);
  return (table?.GlobalSecondaryIndexes ?? []).some((index) => index.IndexName === IndexName);
}

async function waitForIndex(client: DynamoDBClient, TableName: string, IndexName: string) {
  const deadline = Date.now() + INDEX_BACKFILL_MAX_SECONDS * 1000;
  for (;;) {
    const table = await describeTable(client, TableName);
    const index = table?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === IndexName);
    if (index?.IndexStatus === 'ACTIVE') return;
    if (Date.now() > deadline)
      throw new Error(`Index ${IndexName} of ${TableName} is still ${index?.IndexStatus ?? 'missing'}.`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function rebuild(client: DynamoDBClient, TableName: string, definition: TableDefinition) {
  const items: Item[] = [];
  for await (const page of paginateScan({ client }, { TableName, ConsistentRead: true })) {
    items.push(...(page.Items ?? []));
  }
  const waiting = { client, maxWaitTime: 120, minDelay: 1, maxDelay: 2 };
  await client.send(new DeleteTableCommand({ TableName }));
  await waitUntilTableNotExists(waiting, { TableName });
  await client.send(new CreateTableCommand(createTableInput(TableName, definition)));
  await waitUntilTableExists(waiting, { TableName });
  for (let start = 0; start < items.length; start += BATCH_WRITE_MAX) {
    let requests: WriteRequest[] = items
      .slice(start, start + BATCH_WRITE_MAX)
      .map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [TableName]: requests } }),
      );
      requests = UnprocessedItems?.[TableName] ?? [];
    }
  }
}
