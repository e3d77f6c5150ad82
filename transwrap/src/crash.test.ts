/**
 * kill -9 of a transwrap instance. The instance says nothing, so its orchestrator does: ECS in AWS,
 * the local stack here, reports the stopped task, and through the same EventBridge rule its
 * endpoint goes STOPPED. The broadcaster cannot resume there; it gets a new ticket, which points
 * at the surviving instance, and the channel is LIVE again with fresh HLS.
 */
import { until } from '@golive/common/testing/poll';
import { readStackInfo } from '@golive/local/stack-info';
import * as op from '@golive/common/api-operations';
import { useApiStack } from '@golive/local/testing/api-stack';
import { collect } from '@golive/local/testing/subscriptions';
import { CloseCode } from './protocol/messages';
import { segmentsSoon } from '@golive/common/testing/hls-playlist';
import { IngestClient } from './testing/ingest-client';
import { liveThroughConnection } from './testing/connected-broadcast';
import { broadcastOn, watchedChannel } from './testing/test-broadcast';

// Three instances: each test kills one and needs somewhere to go.
const api = useApiStack('transwrap-crash', { TRANSWRAP_INSTANCES: '3' });

test('kill -9 of an instance: its endpoint goes STOPPED and the broadcaster goes LIVE again on the other', async () => {
  const instances = api.stack.info.transwrap;
  expect(instances).toHaveLength(3);
  const endpoints = collect<{ onEndpointChanged: { id: string; status: string } }>(
    api.who.clients.admin,
    op.ON_ENDPOINT_CHANGED,
  );
  await endpoints.ready;
  const watched = await watchedChannel(api, 'Crash-proof');
  const first = await watched.ticket();
  const victim = instances.find((instance) => instance.url === first.url)!;
  const { client } = await broadcastOn(first, api.who.tokens.seller);
  await watched.liveAgain(0);

  process.kill(victim.pid, 'SIGKILL');
  expect((await client.closed).code).toBe(1006); // no close frame: the process is gone
  await endpoints.next(
    (event) => event.onEndpointChanged.id === victim.id && event.onEndpointChanged.status === 'STOPPED',
    10_000,
  );
  // What the PWA does when resuming is impossible: a new ticket, which avoids the stopped endpoint.
  const retry = new IngestClient(victim.url);
  await expect(retry.opened).rejects.toThrow(/ECONNREFUSED/);
  const second = await watched.ticket();
  expect(second.url).not.toBe(victim.url);
  // A new session starts a new recording: the container from its header on.
  const moved = await broadcastOn(second, api.who.tokens.seller);
  await watched.liveAgain(1);
  await segmentsSoon(watched.channel.playbackUrl);

  await moved.sending;
  moved.client.stop();
  expect((await moved.client.closed).code).toBe(CloseCode.Normal);
  endpoints.stop();
  watched.status.stop();
}, 120_000);

test("kill -9 under the PWA's connection: resuming fails, it moves to a live instance with a new recording", async () => {
  const { watched, connection, recorder, states, ended } = await liveThroughConnection(
    api,
    'Crash-proof client',
  );

  // The stack replaced the instance the first test killed: its current list is in local-stack.json.
  const current = readStackInfo(api.dataDir)!.transwrap;
  const victim = current.find((instance) => instance.url === connection.endpoint)!;
  process.kill(victim.pid, 'SIGKILL');
  await watched.liveAgain(1, 30_000);
  await until('the seller live again', () => states.at(-1) === 'live', 30_000);
  expect(states).toEqual(['live', 'resuming', 'moving', 'live']);
  expect(recorder.starts).toBe(2);
  expect(connection.endpoint).not.toBe(victim.url);

  connection.stop();
  expect(await ended).toMatchObject({ code: 1000 });
  recorder.stop();
  watched.status.stop();
}, 90_000);
