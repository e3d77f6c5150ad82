/**
 * A channel made while the stack ran on loopback plays after a start in LAN mode (and back): its
 * stored playback URL follows today's HLS origin. Against dynalite, a real DynamoDB API.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTables, tableNameOf } from '../dynamodb/ensure-tables';
import { repointPlaybackUrls } from './playback-urls';
import { useDynalite } from '../dynamodb/testing/dynalite-client';

const dynamo = useDynalite();

beforeEach(() => ensureTables(dynamo.client));

const HLS = '/api/video/v1/us-east-1.000000000000.channel.abc.m3u8';

async function channelWith(id: string, playbackUrl: string) {
  await dynamo.client.send(
    new PutItemCommand({
      TableName: tableNameOf('channels'),
      Item: { id: { S: id }, name: { S: id }, playbackUrl: { S: playbackUrl } },
    }),
  );
}

const playbackUrlOf = async (id: string) =>
  (
    await dynamo.client.send(
      new GetItemCommand({ TableName: tableNameOf('channels'), Key: { id: { S: id } } }),
    )
  ).Item?.playbackUrl?.S;

test('loopback channels move to the LAN origin and back again; other URLs are left alone', async () => {
  await channelWith('made-on-loopback', `http://127.0.0.1:4100${HLS}`);
  await channelWith('already-there', `https://golive.test:8443${HLS}`);
  await channelWith('not-ivs', 'https://example.com/other.m3u8');

  expect(await repointPlaybackUrls(dynamo.client, 'https://golive.test:8443')).toBe(1);
  expect(await playbackUrlOf('made-on-loopback')).toBe(`https://golive.test:8443${HLS}`);
  expect(await playbackUrlOf('already-there')).toBe(`https://golive.test:8443${HLS}`);
  expect(await playbackUrlOf('not-ivs')).toBe('https://example.com/other.m3u8');

  expect(await repointPlaybackUrls(dynamo.client, 'http://127.0.0.1:4100')).toBe(2);
  expect(await playbackUrlOf('made-on-loopback')).toBe(`http://127.0.0.1:4100${HLS}`);
  expect(await repointPlaybackUrls(dynamo.client, 'http://127.0.0.1:4100')).toBe(0);
});
