/**
 * Creates the API's tables (resolvers/src/tables.ts) if they are missing. On-demand billing, all
 * attributes projected into indexes, TTL switched on where the endpoint supports it.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableName } from '@golive/resolvers/tables';

export const TABLE_PREFIX = 'golive-';

export function tableNameOf(table: TableName): string {
  return `${TABLE_PREFIX}${table}`;
}

async function exists(client: DynamoDBClient, TableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

export async function ensureTables(client: DynamoDBClient): Promise<void> {
  for (const [table, definition] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
    const TableName = tableNameOf(table);
    if (await exists(client, TableName)) continue;
    const indexes: [string, [string, string]][] = Object.entries(definition.indexes);
    const attributes = new Set([definition.partitionKey, ...indexes.flatMap(([, keys]) => keys)]);
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [{ AttributeName: definition.partitionKey, KeyType: 'HASH' }],
        ...(indexes.length
          ? {
              GlobalSecondaryIndexes: indexes.map(([IndexName, [hash, range]]) => ({
                IndexName,
                KeySchema: [
                  { AttributeName: hash, KeyType: 'HASH' },
                  { AttributeName: range, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              })),
            }
          : {}),
      }),
    );
    if ('ttlAttribute' in definition) {
      // dynalite has no TTL (DynamoDB Local and AWS do); the resolvers check expiry themselves anyway.
      await client
        .send(
          new UpdateTimeToLiveCommand({
            TableName,
            TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
          }),
        )
        .catch(() => undefined);
    }
  }
}
