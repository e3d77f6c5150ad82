/**
 * A channel keeps the playback URL IVS gave it when it was made (the API stores it), and locally
 * that URL names where the stack served HLS then: loopback, or a LAN origin. So that channels made
 * in one mode play in the other, the stack points stored playback URLs at today's HLS origin at
 * start-up. Only URLs on IVS's playback path are touched.
 */
import { paginateScan, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HLS_PATH } from '../ivs/hls/hls-server';
import { tableNameOf } from '../dynamodb/ensure-tables';

/** Returns how many channels now name `playbackOrigin`. */
export async function repointPlaybackUrls(client: DynamoDBClient, playbackOrigin: string): Promise<number> {
  const TableName = tableNameOf('channels');
  let moved = 0;
  const pages = paginateScan(
    { client },
    { TableName, ProjectionExpression: 'id, playbackUrl', ConsistentRead: true },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const stored = item.playbackUrl?.S;
      if (!stored || !URL.canParse(stored)) continue;
      const url = new URL(stored);
      if (!url.pathname.startsWith(HLS_PATH) || url.origin === playbackOrigin) continue;
      await client.send(
        new UpdateItemCommand({
          TableName,
          Key: { id: item.id! },
          UpdateExpression: 'SET playbackUrl = :now',
          ConditionExpression: 'playbackUrl = :then',
          ExpressionAttributeValues: {
            ':now': { S: `${playbackOrigin}${url.pathname}` },
            ':then': { S: stored },
          },
        }),
      );
      moved += 1;
    }
  }
  return moved;
}
