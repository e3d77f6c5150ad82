/**
 * The broadcaster's connection keeps a broadcast going through what the network and the servers do
 * to it, against real transwrap instances, FFmpeg and the local IVS: a dropped network, or a few
 * seconds offline, is resumed with the recording carrying on; a draining instance is left for
 * another with a new recording; an admin's stop ends it for good.
 */
import { until } from '@golive/common/testing/poll';
import * as op from '@golive/common/api-operations';
import { startTcpProxy, type TcpProxy } from '@golive/common/testing/tcp-proxy';
import { call } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import { liveThroughConnection, type ConnectedBroadcast } from '../testing/connected-broadcast';
import type { BroadcastConnectionOptions } from './broadcast-connection';
import { spawnTranswrap, useTranswrap } from '../testing/transwrap-process';

const api = useApiStack('broadcast-connection');
const transwrap = useTranswrap(api, { RESUME_GRACE_MS: '10000' });

interface Seller {
  /** Sockets to the first instance go through this proxy. */
  via?: TcpProxy;
  /** False while the seller's device cannot reach the API. */
  online?: () => boolean;
  connection?: Partial<BroadcastConnectionOptions>;
}

/** A seller going live through a BroadcastConnection. */
const goLive = (name: string, { via, online, connection }: Seller = {}) =>
  liveThroughConnection(
    api,
    name,
    {
      socketUrl: (url) => (via && url === transwrap.url ? url.replace(/:\d+\//, `:${via.port}/`) : url),
      online,
    },
    connection,
  );

/**
 * Goes live through a proxy, takes the network away as `outage` says (and the API too, with
 * `apiUnreachable`), brings it back once transwrap holds the session (after `whileAway`), and
 * expects the broadcast to have resumed: the same session, the same recording.
 */
async function expectResumeAfter(
  name: string,
  outage: Parameters<TcpProxy['outage']>[0] & {
    apiUnreachable?: boolean;
    whileAway?: (live: ConnectedBroadcast, proxy: TcpProxy) => Promise<void>;
  },
  connection?: Partial<BroadcastConnectionOptions>,
): Promise<void> {
  const proxy = await startTcpProxy(Number(new URL(transwrap.url).port));
  let apiReachable = true;
  try {
    const live = await goLive(name, { via: proxy, online: () => apiReachable, connection });
    apiReachable = !outage.apiUnreachable;
    const networkBack = proxy.outage(outage);
    await live.watched.status.next((event) => event.onChannelStatus.status === 'INTERRUPTED', 10_000);
    await outage.whileAway?.(live, proxy);
    apiReachable = true;
    networkBack();
    await live.watched.liveAgain(1);
    // transwrap reports LIVE as it answers the resume: the viewer may hear it before `ready` lands.
    await until('the broadcast live again', () => live.states.at(-1) === 'live');
    expect(live.states).toEqual(['live', 'resuming', 'live']);
    expect(live.recorder.starts).toBe(1);

    live.connection.stop();
    expect(await live.ended).toMatchObject({ code: 1000 });
    live.recorder.stop();
    live.watched.status.stop();
  } finally {
    await proxy.close();
  }
}

test('a network drop: the connection resumes by itself and the same recording carries on', async () => {
  // While the network is away the connection's retry hangs; transwrap sees the socket gone.
  await expectResumeAfter('Dropping', {});
}, 60_000);

test('offline for a few seconds: the connection keeps resuming, and the same recording carries on when the network is back', async () => {
  // The phone knows it is offline: sockets fail at once and the API cannot be reached.
  await expectResumeAfter('Tunnel', {
    refuse: true,
    apiUnreachable: true,
    whileAway: async (live, proxy) => {
      // Two resumes that cannot connect make it ask the API, which cannot be reached either: it
      // resumes on. Four refused is past that, twice.
      await until('four resumes refused while offline', () => proxy.refused() >= 4, 10_000);
      expect(live.states).toEqual(['live', 'resuming']);
    },
  });
}, 60_000);

test('a connection attempt lost with the network is given up and tried again once the network is back', async () => {
  // The attempt made while the network was away is never answered.
  await expectResumeAfter('Dead zone', { lost: true }, { attemptTimeoutMs: 4000 });
}, 60_000);

test('an admin stops the broadcast: the connection ends with 4012 and does not come back', async () => {
  const live = await goLive('Stopped by admin');
  await call(api.who.clients.admin, op.STOP_BROADCAST, { channelId: live.watched.channel.id });
  expect(await live.ended).toEqual({
    code: 4012,
    reason: 'the broadcast was stopped by its seller or an admin',
  });
  await until('the broadcast ended', () => live.states.at(-1) === 'ended');
  expect(live.states).toEqual(['live', 'ended']);
  live.recorder.stop();
  live.watched.status.stop();
}, 60_000);

test('a draining instance: the connection moves to another with a new recording', async () => {
  const other = await spawnTranswrap(api.stack.info);
  try {
    const live = await goLive('Moving');
    const { watched, connection, recorder, states } = live;
    const first = [transwrap, other].find((instance) => instance.url === connection.endpoint)!;
    void first.stop('SIGTERM');
    await watched.liveAgain(1);
    await until('the broadcast live again', () => states.at(-1) === 'live');
    expect(states).toEqual(['live', 'moving', 'live']);
    expect(recorder.starts).toBe(2);
    expect(connection.endpoint).not.toBe(first.url);

    connection.stop();
    expect(await live.ended).toMatchObject({ code: 1000 });
    recorder.stop();
    watched.status.stop();
  } finally {
    await other.stop();
  }
}, 90_000);

test('an instance draining while the seller stops: the broadcast ends there and does not move', async () => {
  const other = await spawnTranswrap(api.stack.info);
  try {
    const live = await goLive('Last words');
    const first = [transwrap, other].find((instance) => instance.url === live.connection.endpoint)!;
    live.connection.stop();
    const stopped = first.stop('SIGTERM');
    expect(await live.ended).toMatchObject({ code: 1000 });
    expect(live.states).toEqual(['live', 'stopping', 'ended']);
    expect(live.recorder.starts).toBe(1);
    live.recorder.stop();
    live.watched.status.stop();
    await stopped;
  } finally {
    await other.stop();
  }
}, 90_000);
