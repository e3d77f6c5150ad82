/**
 * Faults the broadcaster should not notice: FFmpeg killed mid-stream is restarted by transwrap
 * (from the container header and the next cluster), a dropped WebSocket is resumed, and a draining
 * instance hands its broadcaster over to another; each time the channel's HLS carries on.
 */
import { descendantsOf } from '@golive/local/testing/process-tree';
import { call } from '@golive/local/graphql/testing/api-clients';
import { useApiStack } from '@golive/local/graphql/testing/api-stack';
import * as op from '@golive/common/api-operations';
import { collect } from '@golive/local/graphql/testing/subscriptions';
import { CloseCode } from './protocol/messages';
import { listedSegments } from './testing/hls-playlist';
import { IngestClient } from './testing/ingest-client';
import { browserMedia } from './testing/test-media';
import { spawnTranswrap, useTranswrap } from './testing/transwrap-process';

const api = useApiStack('transwrap-faults');
const transwrap = useTranswrap(api, { RESUME_GRACE_MS: '5000' });

test('FFmpeg killed mid-stream: the relay restarts by itself and HLS carries on', async () => {
  const { path, media, seconds } = browserMedia('chrome-h264', 20);
  const created = await call<{ createChannel: { id: string; playbackUrl: string } }>(
    api.who.clients.seller,
    op.CREATE_CHANNEL,
    {
      name: 'Resilient',
    },
  );
  const channel = created.data!.createChannel;
  const started = await call<{ startBroadcast: { token: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    { channelId: channel.id },
  );
  const status = collect<{ onChannelStatus: { status: string } }>(
    api.who.clients.viewer,
    op.ON_CHANNEL_STATUS,
    { id: channel.id },
  );
  await status.ready;

  const client = new IngestClient(transwrap.url);
  await client.hello(started.data!.startBroadcast.token, media, api.who.tokens.seller);
  await client.next('ready');
  const sending = client.sendFile(path, seconds);
  await status.next((event) => event.onChannelStatus.status === 'LIVE', 20_000);

  const relays = descendantsOf(transwrap.pid).filter((process) => process.command === 'ffmpeg');
  expect(relays).toHaveLength(1);
  process.kill(relays[0]!.pid, 'SIGKILL');

  // The broadcaster's connection stays up; transwrap reports the restart in its stats.
  for (;;) {
    const stats = client.messages.filter((message) => message.type === 'stats').at(-1);
    if (stats?.type === 'stats' && stats.restarts >= 1 && stats.rtmp === 'live') break;
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // IVS saw the old connection end and a new one start: the channel is LIVE again with fresh HLS.
  await status.next(
    (event, index = status.events.indexOf(event)) => index > 0 && event.onChannelStatus.status === 'LIVE',
    20_000,
  );
  let fresh: string[] = [];
  while (fresh.length === 0) {
    fresh = await listedSegments(channel.playbackUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(descendantsOf(transwrap.pid).filter((process) => process.command === 'ffmpeg')).toHaveLength(1);

  await sending;
  client.stop();
  expect((await client.closed).code).toBe(CloseCode.Normal);
  status.stop();
}, 90_000);

test('stopBroadcast is not a fault: the relay is not redialled and the broadcaster is told (4012)', async () => {
  const { path, media, seconds } = browserMedia('chrome-h264', 20);
  const channel = (
    await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
      name: 'Stopped',
    })
  ).data!.createChannel;
  const started = await call<{ startBroadcast: { token: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId: channel.id,
    },
  );
  const status = collect<{ onChannelStatus: { status: string } }>(
    api.who.clients.viewer,
    op.ON_CHANNEL_STATUS,
    {
      id: channel.id,
    },
  );
  await status.ready;
  const client = new IngestClient(transwrap.url);
  await client.hello(started.data!.startBroadcast.token, media, api.who.tokens.seller);
  await client.next('ready');
  void client.sendFile(path, seconds);
  await status.next((event) => event.onChannelStatus.status === 'LIVE', 20_000);

  // An admin stops it: IVS cuts the RTMP connection, which looks like any dropped connection.
  await call(api.who.clients.admin, op.STOP_BROADCAST, { channelId: channel.id });
  expect(await client.closed).toEqual({
    code: CloseCode.BroadcastStopped,
    reason: 'the broadcast was stopped by its seller or an admin',
  });
  await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 10_000);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(status.events.at(-1)?.onChannelStatus.status).toBe('OFFLINE');
  expect(descendantsOf(transwrap.pid).filter((process) => process.command === 'ffmpeg')).toHaveLength(0);
  status.stop();
}, 60_000);

test('a dropped WebSocket is resumed within the grace period: the stream to IVS never ends', async () => {
  const { path, media, seconds } = browserMedia('chrome-h264', 20);
  const channel = (
    await call<{ createChannel: { id: string; playbackUrl: string } }>(
      api.who.clients.seller,
      op.CREATE_CHANNEL,
      {
        name: 'Flaky uplink',
      },
    )
  ).data!.createChannel;
  const started = await call<{ startBroadcast: { token: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId: channel.id,
    },
  );
  const status = collect<{ onChannelStatus: { status: string } }>(
    api.who.clients.viewer,
    op.ON_CHANNEL_STATUS,
    {
      id: channel.id,
    },
  );
  await status.ready;

  const first = new IngestClient(transwrap.url);
  await first.hello(started.data!.startBroadcast.token, media, api.who.tokens.seller);
  const ready = await first.next('ready');
  expect(ready.resumed).toBe(false);
  const sentFrom = Date.now();
  void first.sendFile(path, seconds);
  await status.next((event) => event.onChannelStatus.status === 'LIVE', 20_000);
  await new Promise((resolve) => setTimeout(resolve, 2000));

  // The network goes away under the broadcaster: no close frame, the TCP connection just dies.
  first.socket.terminate();
  await status.next((event) => event.onChannelStatus.status === 'INTERRUPTED', 10_000);
  const beforeResume = (await listedSegments(channel.playbackUrl)).at(-1);
  expect(beforeResume).toBeDefined();

  const second = new IngestClient(transwrap.url);
  await second.resume(ready);
  const resumed = await second.next('ready');
  expect(resumed).toMatchObject({ resumed: true, sessionId: ready.sessionId, channelId: channel.id });
  expect(resumed.resumeToken).not.toBe(ready.resumeToken);
  // The broadcaster's recorder kept going meanwhile: it carries on from where the stream is now.
  const sending = second.sendFile(path, seconds, 32 * 1024, (Date.now() - sentFrom) / 1000);

  // A resume token works once: the one just used is refused.
  const replay = new IngestClient(transwrap.url);
  await replay.resume(ready);
  expect((await replay.closed).code).toBe(CloseCode.ResumeRefused);

  const liveAgain = await status.next(
    (event, index = status.events.indexOf(event)) =>
      index > status.events.findIndex((e) => e.onChannelStatus.status === 'INTERRUPTED') &&
      event.onChannelStatus.status === 'LIVE',
    10_000,
  );
  expect(liveAgain).toBeDefined();
  // The same HLS stream carries on with new segments; IVS never saw the stream end.
  let latest = beforeResume;
  while (latest === beforeResume) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    latest = (await listedSegments(channel.playbackUrl)).at(-1);
  }
  expect(Number(/(\d+)\.ts$/.exec(latest!)?.[1])).toBeGreaterThan(
    Number(/(\d+)\.ts$/.exec(beforeResume!)?.[1]),
  );
  expect(status.events.map((event) => event.onChannelStatus.status)).not.toContain('OFFLINE');

  await sending;
  second.stop();
  expect((await second.closed).code).toBe(CloseCode.Normal);
  await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 15_000);
  status.stop();
}, 90_000);

test('a resume after the grace period is refused, and the broadcast has ended', async () => {
  const { path, media, seconds } = browserMedia('chrome-h264');
  const channel = (
    await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, { name: 'Gone' })
  ).data!.createChannel;
  const status = collect<{ onChannelStatus: { status: string } }>(
    api.who.clients.viewer,
    op.ON_CHANNEL_STATUS,
    {
      id: channel.id,
    },
  );
  await status.ready;
  const started = await call<{ startBroadcast: { token: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId: channel.id,
    },
  );
  const client = new IngestClient(transwrap.url);
  await client.hello(started.data!.startBroadcast.token, media, api.who.tokens.seller);
  const ready = await client.next('ready');
  void client.sendFile(path, seconds);
  await status.next((event) => event.onChannelStatus.status === 'LIVE', 20_000);
  client.socket.terminate();
  await status.next((event) => event.onChannelStatus.status === 'INTERRUPTED', 10_000);
  // RESUME_GRACE_MS later, transwrap gives up: the relay ends and IVS reports the stream over.
  await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 20_000);

  const late = new IngestClient(transwrap.url);
  await late.resume(ready);
  expect((await late.closed).code).toBe(CloseCode.ResumeRefused);
  status.stop();
}, 60_000);

test('SIGTERM drains: the broadcaster is told, moves to the other instance, and the channel goes LIVE again there', async () => {
  const other = await spawnTranswrap(api.stack.info, { DRAIN_DEADLINE_MS: '10000' });
  const instances = [transwrap, other];
  try {
    const { path, media, seconds } = browserMedia('chrome-h264', 20);
    const created = await call<{ createChannel: { id: string; playbackUrl: string } }>(
      api.who.clients.seller,
      op.CREATE_CHANNEL,
      {
        name: 'Moving',
      },
    );
    const channel = created.data!.createChannel;
    const status = collect<{ onChannelStatus: { status: string } }>(
      api.who.clients.viewer,
      op.ON_CHANNEL_STATUS,
      { id: channel.id },
    );
    await status.ready;
    const ticket = async () =>
      (
        await call<{ startBroadcast: { url: string; token: string } }>(
          api.who.clients.seller,
          op.START_BROADCAST,
          { channelId: channel.id },
        )
      ).data!.startBroadcast;

    const first = await ticket();
    const draining = instances.find((instance) => instance.url === first.url)!;
    const staying = instances.find((instance) => instance !== draining)!;
    const client = new IngestClient(first.url);
    await client.hello(first.token, media, api.who.tokens.seller);
    await client.next('ready');
    void client.sendFile(path, seconds);
    await status.next((event) => event.onChannelStatus.status === 'LIVE', 20_000);

    void draining.stop('SIGTERM');
    const drain = await client.next('drain');
    expect(drain.deadlineMs).toBe(draining === transwrap ? 30_000 : 10_000);

    // What the PWA does on `drain`: leave, get a new ticket (the draining endpoint gets none), go there.
    client.socket.close(1000, 'moving');
    const second = await ticket();
    expect(second.url).toBe(staying.url);
    const moved = new IngestClient(second.url);
    await moved.hello(second.token, media, api.who.tokens.seller);
    await moved.next('ready');
    const sending = moved.sendFile(path, seconds);
    const liveAgain = () =>
      status.events.filter((event) => event.onChannelStatus.status === 'LIVE').length >= 2;
    while (!liveAgain()) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await draining.exited).toBe(0);

    const { data } = await call<{ endpoints: { items: { id: string; status: string }[] } }>(
      api.who.clients.admin,
      op.ENDPOINTS,
    );
    expect(data?.endpoints.items.find((endpoint) => endpoint.id === draining.id)?.status).toBe('STOPPED');
    await sending;
    moved.stop();
    expect((await moved.closed).code).toBe(CloseCode.Normal);
    status.stop();
  } finally {
    await other.stop();
  }
}, 120_000);
