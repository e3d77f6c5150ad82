/** The API's DynamoDB tables, declared from resolvers/src/tables.ts (the local stack creates the same). */
import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLES, type TableDefinition, type TableName } from '@golive/resolvers/tables';

export type ApiTables = Record<TableName, Table>;

function declareTable(
  scope: Construct,
  name: string,
  definition: TableDefinition,
  removalPolicy: RemovalPolicy,
) {
  const table = new Table(scope, name, {
    // Every key the resolvers use is a string (ids, ISO 8601 times, statuses).
    partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
    ...(definition.sortKey ? { sortKey: { name: definition.sortKey, type: AttributeType.STRING } } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: TableEncryption.AWS_MANAGED,
    timeToLiveAttribute: definition.ttlAttribute,
    removalPolicy,
  });
  for (const [indexName, [partitionKey, sortKey]] of Object.entries(definition.indexes)) {
    table.addGlobalSecondaryIndex({
      indexName,
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
    });
  }
  return table;
}

export function declareTables(scope: Construct, removalPolicy: RemovalPolicy): ApiTables {
  const entries = (Object.keys(TABLES) as TableName[]).map(
    (name) => [name, declareTable(scope, `${name}Table`, TABLES[name], removalPolicy)] as const,
  );
  return Object.fromEntries(entries) as ApiTables;
}
