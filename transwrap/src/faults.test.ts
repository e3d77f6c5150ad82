/**
 * Faults the broadcaster should not notice: FFmpeg killed mid-stream is restarted by transwrap
 * (from the container header and the next cluster), a dropped WebSocket is resumed, and a draining
 * instance hands its broadcaster over to another; each time the channel's HLS carries on. And one
 * that is not a fault: a stopped broadcast stays stopped.
 */
import { poll } from '@golive/common/testing/poll';
import { StopStreamCommand } from '@aws-sdk/client-ivs';
import * as op from '@golive/common/api-operations';
import { call, ivsChannelArn, ivsClient } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import { CloseCode } from './protocol/messages';
import { listedSegments, segmentNumber, segmentsSoon } from '@golive/common/testing/hls-playlist';
import { IngestClient } from './testing/ingest-client';
import { relayProcesses } from './testing/relay-processes';
import { broadcastOn, testRecording, watchedChannel } from './testing/test-broadcast';
import { spawnTranswrap, useTranswrap } from './testing/transwrap-process';

const api = useApiStack('transwrap-faults');
const transwrap = useTranswrap(api, { RESUME_GRACE_MS: '5000' });

const relays = (role?: 'source' | 'publisher') =>
  relayProcesses(transwrap.pid).filter(
    (process) => process.role !== 'slate' && (!role || process.role === role),
  );
/** transwrap's log lines saying it restarted (redialled) this channel's relay. */
const restartsLogged = (channelId: string) =>
  transwrap
    .output()
    .split('\n')
    .filter((line) => line.includes('"relay restarted"') && line.includes(`"channel":"${channelId}"`));

test('the FFmpeg sending to IVS killed mid-stream: the relay redials by itself and HLS carries on', async () => {
  const watched = await watchedChannel(api, 'Resilient');
  const { client, sending } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(0);

  expect(
    relays()
      .map((process) => process.role)
      .sort(),
  ).toEqual(['publisher', 'source']);
  process.kill(relays('publisher')[0]!.pid, 'SIGKILL');

  // The broadcaster's connection stays up; transwrap reports the restart in its stats.
  await client.relayRestarted();
  expect(restartsLogged(watched.channel.id)).toHaveLength(1);
  // IVS saw the old connection end and a new one start: the channel is LIVE again with fresh HLS.
  await watched.liveAgain(1);
  await segmentsSoon(watched.channel.playbackUrl);
  expect(relays()).toHaveLength(2);

  await sending;
  client.stop();
  expect((await client.closed).code).toBe(CloseCode.Normal);
  watched.status.stop();
}, 90_000);

test("the FFmpeg reading the seller's media killed mid-stream: a new one takes over, and IVS never sees the stream end", async () => {
  const watched = await watchedChannel(api, 'Resilient source');
  const { client, sending } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(0);
  const before = (await segmentsSoon(watched.channel.playbackUrl)).at(-1);

  process.kill(relays('source')[0]!.pid, 'SIGKILL');
  await client.relayRestarted();
  expect(restartsLogged(watched.channel.id)).toHaveLength(1);
  // The stream to IVS went on: the same playlist carries on numbering its segments (a new stream
  // would start a new playlist, from 0).
  const after = await poll('a segment after the restart', async () => {
    const newest = (await listedSegments(watched.channel.playbackUrl)).at(-1);
    return newest !== before ? newest : undefined;
  });
  expect(segmentNumber(after)).toBeGreaterThan(segmentNumber(before));
  expect(watched.status.events.map((event) => event.onChannelStatus.status)).not.toContain('OFFLINE');

  await sending;
  client.stop();
  expect((await client.closed).code).toBe(CloseCode.Normal);
  watched.status.stop();
}, 90_000);

test('IVS drops the RTMPS connection by itself: transwrap redials and the channel is LIVE again', async () => {
  const watched = await watchedChannel(api, 'Dropped by IVS');
  const { client, sending } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(0);

  // IVS ends the RTMPS session (as it may on maintenance), without anyone calling stopBroadcast.
  const ivs = ivsClient(api.stack.info);
  await ivs.send(new StopStreamCommand({ channelArn: ivsChannelArn(api.stack.info, watched.channel.id) }));
  ivs.destroy();
  await watched.status.next((event) => event.onChannelStatus.status === 'OFFLINE', 10_000);
  await watched.liveAgain(1);
  expect(client.socket.readyState).toBe(client.socket.OPEN);
  const stats = client.messages.filter((message) => message.type === 'stats').at(-1);
  expect(stats).toMatchObject({ restarts: 1 });

  await sending;
  client.stop();
  expect((await client.closed).code).toBe(CloseCode.Normal);
  watched.status.stop();
}, 60_000);

test('stopBroadcast is not a fault: the relay is not redialled and the broadcaster is told (4012)', async () => {
  const watched = await watchedChannel(api, 'Stopped');
  const { client } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(0);

  // An admin stops it: IVS cuts the RTMP connection, which looks like any dropped connection.
  await call(api.who.clients.admin, op.STOP_BROADCAST, { channelId: watched.channel.id });
  expect(await client.closed).toEqual({
    code: CloseCode.BroadcastStopped,
    reason: 'the broadcast was stopped by its seller or an admin',
  });
  await watched.status.next((event) => event.onChannelStatus.status === 'OFFLINE', 10_000);
  // The 4012 comes only once the relay has ended for good (it asked whether it may redial and was
  // told no, or the stop watch cut it): no redial can follow it. What is left is FFmpeg exiting.
  await poll('the relay FFmpeg to exit', () => (relays().length === 0 ? true : undefined), 10_000);
  expect(restartsLogged(watched.channel.id)).toEqual([]);
  expect(watched.status.events.at(-1)?.onChannelStatus.status).toBe('OFFLINE');
  watched.status.stop();
}, 60_000);

test('a dropped WebSocket is resumed within the grace period: the stream to IVS never ends', async () => {
  const watched = await watchedChannel(api, 'Flaky uplink');
  const { status, channel } = watched;
  const { client: first, ready } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  const sentFrom = Date.now();
  expect(ready.resumed).toBe(false);
  await watched.liveAgain(0);
  // HLS is being packaged: the segments listed before the drop are the ones to carry on from.
  await segmentsSoon(channel.playbackUrl);

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
  const { path, seconds } = testRecording();
  const sending = second.sendFile(path, seconds, 32 * 1024, (Date.now() - sentFrom) / 1000);

  // A resume token works once: the one just used is refused.
  const replay = new IngestClient(transwrap.url);
  await replay.resume(ready);
  expect((await replay.closed).code).toBe(CloseCode.ResumeRefused);

  await watched.liveAgain(1, 10_000);
  // The same HLS stream carries on with new segments; IVS never saw the stream end.
  const latest = await poll('a segment newer than before the resume', async () => {
    const newest = (await listedSegments(channel.playbackUrl)).at(-1);
    return newest !== beforeResume ? newest : undefined;
  });
  expect(segmentNumber(latest)).toBeGreaterThan(segmentNumber(beforeResume));
  expect(status.events.map((event) => event.onChannelStatus.status)).not.toContain('OFFLINE');

  await sending;
  second.stop();
  expect((await second.closed).code).toBe(CloseCode.Normal);
  await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 15_000);
  status.stop();
}, 90_000);

test('a resume after the grace period is refused, and the broadcast has ended', async () => {
  const watched = await watchedChannel(api, 'Gone');
  const { client, ready } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(0);
  client.socket.terminate();
  await watched.status.next((event) => event.onChannelStatus.status === 'INTERRUPTED', 10_000);
  // RESUME_GRACE_MS later, transwrap gives up: the relay ends and IVS reports the stream over.
  await watched.status.next((event) => event.onChannelStatus.status === 'OFFLINE', 20_000);

  const late = new IngestClient(transwrap.url);
  await late.resume(ready);
  expect((await late.closed).code).toBe(CloseCode.ResumeRefused);
  watched.status.stop();
}, 60_000);

test('SIGTERM drains: the broadcaster is told, moves to the other instance, and the channel goes LIVE again there', async () => {
  const other = await spawnTranswrap(api.stack.info, { DRAIN_DEADLINE_MS: '10000' });
  const instances = [transwrap, other];
  try {
    const watched = await watchedChannel(api, 'Moving');
    const first = await watched.ticket();
    const draining = instances.find((instance) => instance.url === first.url)!;
    const staying = instances.find((instance) => instance !== draining)!;
    const { client } = await broadcastOn(first, api.who.tokens.seller);
    await watched.liveAgain(0);

    void draining.stop('SIGTERM');
    const drain = await client.next('drain');
    expect(drain.deadlineMs).toBe(draining === transwrap ? 30_000 : 10_000);

    // What the PWA does on `drain`: leave, get a new ticket (the draining endpoint gets none), go there.
    client.socket.close(1000, 'moving');
    const second = await watched.ticket();
    expect(second.url).toBe(staying.url);
    const moved = await broadcastOn(second, api.who.tokens.seller);
    await watched.liveAgain(1);
    expect(await draining.exited).toBe(0);

    const { data } = await call<{ endpoints: { items: { id: string; status: string }[] } }>(
      api.who.clients.admin,
      op.ENDPOINTS,
    );
    expect(data?.endpoints.items.find((endpoint) => endpoint.id === draining.id)?.status).toBe('STOPPED');
    await moved.sending;
    moved.client.stop();
    expect((await moved.client.closed).code).toBe(CloseCode.Normal);
    watched.status.stop();
  } finally {
    await other.stop();
  }
}, 120_000);
