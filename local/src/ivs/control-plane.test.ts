/**
 * The IVS emulator as @aws-sdk/client-ivs sees it: every operation the product uses, IVS's shapes
 * and error types, SigV4 enforced, state kept across a restart.
 */
import {
  ChannelNotBroadcasting,
  ConflictException,
  CreateChannelCommand,
  CreateStreamKeyCommand,
  DeleteChannelCommand,
  DeleteStreamKeyCommand,
  GetChannelCommand,
  GetStreamCommand,
  GetStreamKeyCommand,
  IvsClient,
  ListChannelsCommand,
  ListStreamKeysCommand,
  ListStreamsCommand,
  PutMetadataCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StopStreamCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-ivs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IvsStore } from './ivs-store';
import {
  startTestControlPlane,
  TEST_IVS_CREDENTIALS,
  type TestControlPlane,
} from './testing/control-plane-server';

const credentials = TEST_IVS_CREDENTIALS;
const region = 'us-east-1';
let dir: string;
let plane: TestControlPlane;
let store: IvsStore;
let ivs: IvsClient;

async function start(): Promise<void> {
  plane = await startTestControlPlane(dir, region);
  ({ store, ivs } = plane);
}

async function stop(): Promise<void> {
  await plane.stop();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'golive-ivs-'));
  await start();
});

afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

test('CreateChannel returns the channel with IVS ARNs, endpoints and defaults, and its stream key', async () => {
  const { channel, streamKey } = await ivs.send(
    new CreateChannelCommand({ name: 'golive-test', tags: { owner: 'u1' } }),
  );
  expect(channel).toMatchObject({
    arn: expect.stringMatching(/^arn:aws:ivs:us-east-1:000000000000:channel\/[a-zA-Z0-9]{12}$/) as unknown,
    name: 'golive-test',
    latencyMode: 'LOW',
    type: 'STANDARD',
    authorized: false,
    ingestEndpoint: '127.0.0.1:1935',
    tags: { owner: 'u1' },
  });
  expect(channel?.playbackUrl).toMatch(
    /^http:\/\/127\.0\.0\.1:8080\/api\/video\/v1\/us-east-1\.000000000000\.channel\.[a-zA-Z0-9]{12}\.m3u8$/,
  );
  expect(streamKey?.channelArn).toBe(channel?.arn);
  expect(streamKey?.value).toMatch(/^sk_us-east-1_[a-zA-Z0-9]{36}$/);
});

test('GetChannel, ListStreamKeys and GetStreamKey find what was created; ListChannels pages and filters', async () => {
  const { channel } = await ivs.send(new CreateChannelCommand({ name: 'lookup' }));
  expect((await ivs.send(new GetChannelCommand({ arn: channel!.arn }))).channel?.name).toBe('lookup');
  const { streamKeys } = await ivs.send(new ListStreamKeysCommand({ channelArn: channel!.arn }));
  expect(streamKeys).toHaveLength(1);
  expect(streamKeys?.[0]).not.toHaveProperty('value'); // summaries never carry the key
  const { streamKey } = await ivs.send(new GetStreamKeyCommand({ arn: streamKeys![0]!.arn }));
  expect(streamKey?.value).toMatch(/^sk_/);

  for (const name of ['page-a', 'page-b', 'page-c']) await ivs.send(new CreateChannelCommand({ name }));
  const first = await ivs.send(new ListChannelsCommand({ filterByName: 'page-', maxResults: 2 }));
  expect(first.channels).toHaveLength(2);
  const second = await ivs.send(
    new ListChannelsCommand({ filterByName: 'page-', maxResults: 2, nextToken: first.nextToken }),
  );
  expect(second.channels?.map((c) => c.name)).toEqual(['page-c']);
  expect(second.nextToken).toBeUndefined();
});

test('one stream key per channel: CreateStreamKey is over quota until the key is deleted', async () => {
  const { channel, streamKey } = await ivs.send(new CreateChannelCommand({ name: 'keys' }));
  await expect(ivs.send(new CreateStreamKeyCommand({ channelArn: channel!.arn }))).rejects.toBeInstanceOf(
    ServiceQuotaExceededException,
  );
  await ivs.send(new DeleteStreamKeyCommand({ arn: streamKey!.arn }));
  await expect(ivs.send(new GetStreamKeyCommand({ arn: streamKey!.arn }))).rejects.toBeInstanceOf(
    ResourceNotFoundException,
  );
  const created = await ivs.send(new CreateStreamKeyCommand({ channelArn: channel!.arn }));
  expect(created.streamKey?.value).not.toBe(streamKey?.value);
});

test('streams: GetStream/StopStream on an offline channel are ChannelNotBroadcasting; a live one is listed and can be stopped', async () => {
  const { channel } = await ivs.send(new CreateChannelCommand({ name: 'live' }));
  const arn = channel!.arn!;
  await expect(ivs.send(new GetStreamCommand({ channelArn: arn }))).rejects.toBeInstanceOf(
    ChannelNotBroadcasting,
  );
  await expect(ivs.send(new StopStreamCommand({ channelArn: arn }))).rejects.toBeInstanceOf(
    ChannelNotBroadcasting,
  );

  store.startStream(arn, 'st-1');
  expect((await ivs.send(new GetStreamCommand({ channelArn: arn }))).stream).toMatchObject({
    state: 'LIVE',
    health: 'HEALTHY',
    streamId: 'st-1',
  });
  expect((await ivs.send(new ListStreamsCommand({}))).streams?.map((s) => s.channelArn)).toContain(arn);
  await expect(ivs.send(new DeleteChannelCommand({ arn }))).rejects.toBeInstanceOf(ConflictException);
  const stopped = new Promise((resolve) => store.once('stopStream', resolve));
  await ivs.send(new StopStreamCommand({ channelArn: arn }));
  expect(await stopped).toBe(arn); // the ingest is told to disconnect the publisher
  store.endStream(arn);
  await ivs.send(new DeleteChannelCommand({ arn }));
  await expect(ivs.send(new GetChannelCommand({ arn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});

test('PutMetadata: into a live stream only, at most 1 KB, at most 5 a second a channel', async () => {
  const { channel } = await ivs.send(new CreateChannelCommand({ name: 'metadata' }));
  const channelArn = channel!.arn!;
  const put = (metadata: string) => ivs.send(new PutMetadataCommand({ channelArn, metadata }));
  await expect(put('{"pin":"p1"}')).rejects.toBeInstanceOf(ChannelNotBroadcasting);

  store.startStream(channelArn, 'st-metadata');
  const inserted: string[] = [];
  const listener = (arn: string, metadata: string) => arn === channelArn && inserted.push(metadata);
  store.on('putMetadata', listener);
  // Refused input does not count towards the rate.
  await expect(put('é'.repeat(513))).rejects.toBeInstanceOf(ValidationException); // 1026 bytes
  await expect(put('')).rejects.toBeInstanceOf(ValidationException);
  // Six at once (the client does not retry here: maxAttempts 1): five go in, one is throttled.
  const texts = ['é'.repeat(512), ...[2, 3, 4, 5, 6].map((n) => `{"n":${n}}`)]; // the first is 1024 bytes
  const outcomes = await Promise.allSettled(texts.map(put));
  const refused: unknown[] = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
  );
  expect(refused).toHaveLength(1);
  expect(refused[0]).toBeInstanceOf(ThrottlingException);
  expect(inserted).toHaveLength(5);
  expect(texts).toEqual(expect.arrayContaining(inserted));
  store.off('putMetadata', listener);
  store.endStream(channelArn);
});

test.each([
  ['a name with spaces', () => new CreateChannelCommand({ name: 'not allowed' })],
  ['a name over 128 characters', () => new CreateChannelCommand({ name: 'x'.repeat(129) })],
  ['a malformed channel ARN', () => new GetChannelCommand({ arn: 'arn:aws:s3:::bucket' })],
  ['maxResults over 100', () => new ListChannelsCommand({ maxResults: 101 })],
])('%s is a ValidationException', async (_case, command) => {
  await expect(ivs.send(command() as GetChannelCommand)).rejects.toBeInstanceOf(ValidationException);
});

test('an unknown channel is ResourceNotFoundException', async () => {
  await expect(
    ivs.send(new GetChannelCommand({ arn: 'arn:aws:ivs:us-east-1:000000000000:channel/AAAAAAAAAAAA' })),
  ).rejects.toBeInstanceOf(ResourceNotFoundException);
});

test('requests signed with other credentials are refused', async () => {
  const intruder = new IvsClient({
    endpoint: plane.endpoint,
    region,
    credentials: { ...credentials, secretAccessKey: 'guess' },
    maxAttempts: 1,
  });
  await expect(intruder.send(new ListChannelsCommand({}))).rejects.toMatchObject({
    name: 'InvalidSignatureException',
    $metadata: { httpStatusCode: 403 },
  });
  intruder.destroy();
});

test('channels and keys survive a restart', async () => {
  const { channel, streamKey } = await ivs.send(new CreateChannelCommand({ name: 'durable' }));
  await stop();
  await start();
  expect((await ivs.send(new GetChannelCommand({ arn: channel!.arn }))).channel?.name).toBe('durable');
  expect((await ivs.send(new GetStreamKeyCommand({ arn: streamKey!.arn }))).streamKey?.value).toBe(
    streamKey?.value,
  );
});
