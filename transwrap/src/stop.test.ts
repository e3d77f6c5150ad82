/**
 * stopBroadcast ends a broadcast at every step of its start-up, not only once IVS has its stream:
 * whether the owner or an admin stops it while transwrap redeems the ticket, right after `ready`
 * (IVS has nothing to disconnect yet) or while the relay is still dialling IVS, the seller is told
 * 4012, no relay is left and the channel is OFFLINE. An API that cannot be asked is not a stop.
 * transwrap reaches the API through a gate, so a test can act while transwrap waits on an answer.
 */
import { until } from '@golive/common/testing/poll';
import * as op from '@golive/common/api-operations';
import { call } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import { readFileSync } from 'node:fs';
import { CloseCode } from './protocol/messages';
import { startApiGate, type ApiGate } from './testing/api-gate';
import { IngestClient } from './testing/ingest-client';
import { relayProcesses } from './testing/relay-processes';
import { testRecording, watchedChannel, type WatchedChannel } from './testing/test-broadcast';
import { spawnTranswrap, type TranswrapProcess } from './testing/transwrap-process';

const api = useApiStack('transwrap-stop');
let gate: ApiGate;
let transwrap: TranswrapProcess;

beforeAll(async () => {
  gate = await startApiGate(api.stack.info.graphql.url);
  transwrap = await spawnTranswrap(api.stack.info, {
    API_URL: gate.url,
    STOP_CHECK_INTERVAL_MS: '500',
    STOP_CHECK_WINDOW_MS: '2000',
  });
}, 60_000);

afterAll(async () => {
  await transwrap?.stop();
  await gate?.close();
});

const STOPPED = {
  code: CloseCode.BroadcastStopped,
  reason: 'the broadcast was stopped by its seller or an admin',
};
const relays = () => relayProcesses(transwrap.pid);
const statuses = (watched: WatchedChannel) =>
  watched.status.events.map((event) => event.onChannelStatus.status);

async function stopAs(who: 'seller' | 'admin', watched: WatchedChannel): Promise<void> {
  const { errors } = await call(api.who.clients[who], op.STOP_BROADCAST, { channelId: watched.channel.id });
  expect(errors).toEqual([]);
}

/** The broadcast is over: no FFmpeg left, and the channel ended OFFLINE. */
async function broadcastOver(watched: WatchedChannel): Promise<void> {
  await until('no relay FFmpeg left', () => relays().length === 0, 30_000);
  if (statuses(watched).some((status) => status !== 'OFFLINE'))
    await watched.status.next((event) => event.onChannelStatus.status === 'OFFLINE', 15_000);
  const { data } = await call<{ channel: { status: string } }>(api.who.clients.seller, op.CHANNEL, {
    id: watched.channel.id,
  });
  expect(data?.channel.status).toBe('OFFLINE');
  watched.status.stop();
}

/** Closed 4012 before `ready`: nothing relayed, and the channel never left OFFLINE. */
async function expectNeverStarted(client: IngestClient, watched: WatchedChannel): Promise<void> {
  expect(await client.closed).toEqual(STOPPED);
  expect(client.messages.map((message) => message.type)).not.toContain('ready');
  await broadcastOver(watched);
  expect(statuses(watched).filter((status) => status !== 'OFFLINE')).toEqual([]);
}

/** A hello with the seller's ticket for `watched`, media declared as Chrome records it. */
async function hello(watched: WatchedChannel): Promise<IngestClient> {
  const ticket = await watched.ticket();
  const client = new IngestClient(ticket.url);
  await client.hello(ticket.ticket, testRecording().media, api.who.tokens.seller);
  return client;
}

test.each([
  ['its owner', 'seller'],
  ['an admin', 'admin'],
] as const)(
  '%s stops it right after ready, before IVS has a stream to cut: 4012 though the seller keeps sending',
  async (_, who) => {
    const watched = await watchedChannel(api, `Stopped at ready by ${who}`);
    const client = await hello(watched);
    await client.next('ready');
    // No media has reached FFmpeg, so nothing has reached IVS: StopStream finds nothing to stop.
    await stopAs(who, watched);

    const { path, seconds } = testRecording();
    const sending = client.sendFile(path, seconds);
    expect(await client.closed).toEqual(STOPPED);
    await sending;
    await broadcastOver(watched);
  },
  60_000,
);

test('an admin stops it while the relay is dialling IVS (its first media in): 4012', async () => {
  const watched = await watchedChannel(api, 'Stopped while connecting');
  const client = await hello(watched);
  await client.next('ready');
  // The container's header and a little more: FFmpeg has started on it, IVS is not live yet.
  const { path, seconds } = testRecording();
  const bytes = readFileSync(path);
  const headStart = 0.01;
  client.socket.send(bytes.subarray(0, Math.floor((headStart / seconds) * bytes.length)));
  const stats = await client.next('stats', 15_000, client.messages.length);
  expect(stats.rtmp).toBe('connecting');
  await stopAs('admin', watched);

  const sending = client.sendFile(path, seconds, 32 * 1024, headStart);
  expect(await client.closed).toEqual(STOPPED);
  await sending;
  await broadcastOver(watched);
}, 60_000);

test('an admin stops it while transwrap is redeeming the ticket: no ready, no broadcast', async () => {
  const watched = await watchedChannel(api, 'Stopped during the claim');
  gate.hold('ClaimIngest');
  const client = await hello(watched);
  // The API has redeemed the ticket (and read the channel: no stop yet); transwrap has not heard.
  await gate.holding();
  await stopAs('admin', watched);
  gate.release();

  await expectNeverStarted(client, watched);
}, 60_000);

test('its owner stops it between startBroadcast and hello: the ticket is revoked, 4012, nothing relayed', async () => {
  const watched = await watchedChannel(api, 'Stopped before hello');
  const ticket = await watched.ticket();
  await stopAs('seller', watched);

  const client = new IngestClient(ticket.url);
  await client.hello(ticket.ticket, testRecording().media, api.who.tokens.seller);
  await expectNeverStarted(client, watched);
}, 60_000);

test('an API that cannot be asked is not a stop: the broadcast goes on through its whole settle window', async () => {
  gate.fail('BroadcastStopped');
  try {
    const watched = await watchedChannel(api, 'API unreachable');
    const askedBefore = gate.count('BroadcastStopped');
    const client = await hello(watched);
    await client.next('ready');
    const { path, seconds } = testRecording();
    const sending = client.sendFile(path, seconds);
    await watched.liveAgain(0);
    // Asked once before ready, then at live and every 500 ms through 2 s: none of them answered.
    await until('six more stop checks', () => gate.count('BroadcastStopped') >= askedBefore + 6, 30_000);

    const stats = await client.next('stats', 15_000, client.messages.length);
    expect(stats).toMatchObject({ rtmp: 'live', restarts: 0 });
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    expect(watched.status.events.at(-1)?.onChannelStatus.status).toBe('LIVE');
    client.stop();
    await sending;
    expect((await client.closed).code).toBe(CloseCode.Normal);
    watched.status.stop();
  } finally {
    gate.pass('BroadcastStopped');
  }
}, 60_000);
