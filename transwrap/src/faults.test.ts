/**
 * Faults the broadcaster should not notice: FFmpeg killed mid-stream is restarted by transwrap
 * (from the container header and the next cluster), and the channel's HLS carries on.
 */
import { descendantsOf } from '@golive/local/testing/process-tree';
import { call } from '@golive/local/graphql/testing/api-clients';
import { useApiStack } from '@golive/local/graphql/testing/api-stack';
import * as op from '@golive/local/graphql/testing/operations';
import { collect } from '@golive/local/graphql/testing/subscriptions';
import { CloseCode } from './protocol/messages';
import { IngestClient } from './testing/ingest-client';
import { browserMedia } from './testing/test-media';
import { spawnTranswrap, type TranswrapProcess } from './testing/transwrap-process';

const api = useApiStack('transwrap-faults');
let transwrap: TranswrapProcess;

beforeAll(async () => {
  transwrap = await spawnTranswrap(api.stack.info);
}, 60_000);

afterAll(async () => {
  await transwrap?.stop();
});

async function segments(playbackUrl: string): Promise<string[]> {
  const response = await fetch(playbackUrl);
  return response.ok ? (await response.text()).split('\n').filter((line) => line.endsWith('.ts')) : [];
}

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
  await client.hello(started.data!.startBroadcast.token, media);
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
    fresh = await segments(channel.playbackUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(descendantsOf(transwrap.pid).filter((process) => process.command === 'ffmpeg')).toHaveLength(1);

  await sending;
  client.stop();
  expect((await client.closed).code).toBe(CloseCode.Normal);
  status.stop();
}, 90_000);
