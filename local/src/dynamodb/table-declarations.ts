/** The DynamoDB API's shapes of resolvers/src/tables.ts's tables and indexes, and reading them back. */
import {
  DescribeTableCommand,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '@golive/resolvers/tables';

export async function describeTable(
  client: DynamoDBClient,
  TableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Every key the resolvers use is a string (ids, ISO 8601 times, statuses). */
export function indexDeclaration(IndexName: string, [hash, range]: [string, string]): GlobalSecondaryIndex {
  return {
    IndexName,
    KeySchema: [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}

export function createTableInput(TableName: string, definition: TableDefinition): CreateTableCommandInput {
  const indexes = Object.entries(definition.indexes);
  const keys = [definition.partitionKey, ...(definition.sortKey ? [definition.sortKey] : [])];
  const attributes = new Set([...keys, ...indexes.flatMap(([, index]) => index)]);
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: keys.map((AttributeName, at) => ({ AttributeName, KeyType: at === 0 ? 'HASH' : 'RANGE' })),
    ...(indexes.length
      ? { GlobalSecondaryIndexes: indexes.map(([name, keys]) => indexDeclaration(name, keys)) }
      : {}),
  };
}
