/**
 * Creates the API's tables (resolvers/src/tables.ts) if they are missing, and brings tables kept
 * from an older version (a developer's `.data`) up to date: indexes added since are created (see
 * add-index.ts). On-demand billing, all attributes projected into indexes, TTL switched on where
 * the endpoint supports it.
 */
import { CreateTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLES, type TableDefinition, type TableName } from '@golive/resolvers/tables';
import { addIndex } from './add-index';
import { createTableInput, describeTable, indexDeclaration } from './table-declarations';

export const TABLE_PREFIX = 'golive-';

export function tableNameOf(table: TableName): string {
  return `${TABLE_PREFIX}${table}`;
}

async function enableTtl(client: DynamoDBClient, TableName: string, definition: TableDefinition) {
  if (!definition.ttlAttribute) return;
  // dynalite has no TTL (DynamoDB Local and AWS do; AWS refuses to enable it twice): the resolvers
  // check expiry themselves, and never take a row's existence as a sign of life.
  await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
      }),
    )
    .catch(() => undefined);
}

export async function ensureTables(client: DynamoDBClient, log: (line: string) => void = () => {}) {
  for (const [table, definition] of Object.entries(TABLES) as [TableName, TableDefinition][]) {
    const TableName = tableNameOf(table);
    const existing = await describeTable(client, TableName);
    if (!existing) {
      await client.send(new CreateTableCommand(createTableInput(TableName, definition)));
    } else {
      const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
      for (const [indexName, keys] of Object.entries(definition.indexes)) {
        if (present.has(indexName)) continue;
        log(`Table ${TableName} was made by an older version: adding its index ${indexName}.`);
        await addIndex(client, TableName, definition, indexDeclaration(indexName, keys));
      }
    }
    await enableTtl(client, TableName, definition);
  }
}
