/**
 * kill -9 of a transwrap instance. The instance says nothing, so its orchestrator does: ECS in AWS,
 * the local stack here, reports the stopped task, and through the same EventBridge rule its
 * endpoint goes STOPPED. The broadcaster cannot resume there; it gets a new ticket, which points
 * at the surviving instance, and the channel is LIVE again with fresh HLS.
 */
import { call } from '@golive/local/graphql/testing/api-clients';
import { useApiStack } from '@golive/local/graphql/testing/api-stack';
import { collect } from '@golive/local/graphql/testing/subscriptions';
import * as op from '@golive/common/api-operations';
import { CloseCode } from './protocol/messages';
import { listedSegments } from './testing/hls-playlist';
import { IngestClient } from './testing/ingest-client';
import { browserMedia } from './testing/test-media';

const api = useApiStack('transwrap-crash', { TRANSWRAP_INSTANCES: '2' });

test('kill -9 of an instance: its endpoint goes STOPPED and the broadcaster goes LIVE again on the other', async () => {
  const instances = api.stack.info.transwrap;
  expect(instances).toHaveLength(2);
  const { path, media, seconds } = browserMedia('chrome-h264', 20);
  const endpoints = collect<{ onEndpointChanged: { id: string; status: string } }>(
    api.who.clients.admin,
    op.ON_ENDPOINT_CHANGED,
  );
  const channel = (
    await call<{ createChannel: { id: string; playbackUrl: string } }>(
      api.who.clients.seller,
      op.CREATE_CHANNEL,
      { name: 'Crash-proof' },
    )
  ).data!.createChannel;
  const status = collect<{ onChannelStatus: { status: string } }>(
    api.who.clients.viewer,
    op.ON_CHANNEL_STATUS,
    {
      id: channel.id,
    },
  );
  await Promise.all([endpoints.ready, status.ready]);
  const ticket = async () =>
    (
      await call<{ startBroadcast: { url: string; token: string } }>(
        api.who.clients.seller,
        op.START_BROADCAST,
        {
          channelId: channel.id,
        },
      )
    ).data!.startBroadcast;

  const first = await ticket();
  const victim = instances.find((instance) => instance.url === first.url)!;
  const survivor = instances.find((instance) => instance !== victim)!;
  const client = new IngestClient(first.url);
  await client.hello(first.token, media, api.who.tokens.seller);
  await client.next('ready');
  void client.sendFile(path, seconds);
  await status.next((event) => event.onChannelStatus.status === 'LIVE', 20_000);

  process.kill(victim.pid, 'SIGKILL');
  expect((await client.closed).code).toBe(1006); // no close frame: the process is gone
  await endpoints.next(
    (event) => event.onEndpointChanged.id === victim.id && event.onEndpointChanged.status === 'STOPPED',
    10_000,
  );
  // What the PWA does when resuming is impossible: a new ticket, which avoids the stopped endpoint.
  const retry = new IngestClient(victim.url);
  await expect(retry.opened).rejects.toThrow(/ECONNREFUSED/);
  const second = await ticket();
  expect(second.url).toBe(survivor.url);
  const moved = new IngestClient(second.url);
  await moved.hello(second.token, media, api.who.tokens.seller);
  await moved.next('ready');
  // A new session starts a new recording: the container from its header on.
  const sending = moved.sendFile(path, seconds);

  const firstLive = status.events.findIndex((event) => event.onChannelStatus.status === 'LIVE');
  await status.next(
    (event, index = status.events.indexOf(event)) =>
      index > firstLive && event.onChannelStatus.status === 'LIVE',
    20_000,
  );
  let fresh: string[] = [];
  while (fresh.length === 0) {
    fresh = await listedSegments(channel.playbackUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await sending;
  moved.stop();
  expect((await moved.closed).code).toBe(CloseCode.Normal);
  endpoints.stop();
  status.stop();
}, 120_000);
