/**
 * Makes a real ticket as if its lifetime had passed: its expiry moves into the past while DynamoDB
 * TTL (which deletes late) has not removed it yet, which is the case readers must refuse.
 */
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { LocalStackInfo } from '../stack-info';
import { TABLE_PREFIX } from '../dynamodb/ensure-tables';

export async function ageTicket(info: LocalStackInfo, ticket: string): Promise<void> {
  const dynamodb = new DynamoDBClient({
    endpoint: info.dynamodb.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
  const past = Math.floor(Date.now() / 1000) - 5;
  try {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: `${TABLE_PREFIX}tickets`,
        Key: { token: { S: ticket } },
        UpdateExpression: 'SET expiresAtEpoch = :past, expiresAt = :pastIso',
        ConditionExpression: 'attribute_exists(#token)',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: {
          ':past': { N: String(past) },
          ':pastIso': { S: new Date(past * 1000).toISOString() },
        },
      }),
    );
  } finally {
    dynamodb.destroy();
  }
}
