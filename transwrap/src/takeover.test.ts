/**
 * A seller whose connection drops and who comes back through another transwrap instance (behind
 * one load balancer a new connection can land on any task): the instance holding the broadcast
 * for them lets it go as soon as their new ticket is claimed elsewhere, so the new instance can
 * publish (IVS, and the local IVS, take one publisher per stream key), instead of the seller
 * waiting out the 2-minute resume grace. Viewers are never told the broadcast ended. Real stack,
 * two real transwrap processes, real FFmpeg.
 */
import { segmentsSoon } from '@golive/common/testing/hls-playlist';
import { poll } from '@golive/common/testing/poll';
import { useApiStack } from '@golive/local/testing/api-stack';
import { CloseCode } from './protocol/messages';
import { broadcastOn, watchedChannel, type WatchedChannel } from './testing/test-broadcast';
import { useTranswrap, type TranswrapProcess } from './testing/transwrap-process';

const api = useApiStack('transwrap-takeover', { TRANSWRAP_INSTANCES: '0' });
const first = useTranswrap(api);
const second = useTranswrap(api);

/** A ticket for `instance`: startBroadcast names the least-loaded endpoint, so ask until it is that one. */
function ticketFor(watched: WatchedChannel, instance: TranswrapProcess) {
  return poll(
    `a ticket for ${instance.url}`,
    async () => {
      const ticket = await watched.ticket();
      return ticket.url === instance.url ? ticket : undefined;
    },
    20_000,
  );
}

test('a seller back through another instance is on air again from it well within the grace, never shown as ended', async () => {
  const watched = await watchedChannel(api, 'Another door');
  const { status, channel } = watched;
  const { client: away } = await broadcastOn(await ticketFor(watched, first), api.who.tokens.seller);
  await watched.liveAgain(0);
  await segmentsSoon(channel.playbackUrl);

  // The seller's network goes; the first instance holds the broadcast, slate on air.
  away.socket.terminate();
  await status.next((event) => event.onChannelStatus.status === 'INTERRUPTED', 10_000);

  // The PWA starts over with a new ticket, which the API gives to the other, less-loaded instance.
  const { client: back, sending } = await broadcastOn(
    await ticketFor(watched, second),
    api.who.tokens.seller,
  );
  await watched.liveAgain(1, 30_000);
  expect(first.output()).toContain('"taken over by a newer broadcast of the channel"');
  expect(second.output()).not.toContain('"relaying, taking over the held broadcast"');
  await segmentsSoon(channel.playbackUrl);
  const statuses = status.events.map((event) => event.onChannelStatus.status);
  expect(statuses).not.toContain('OFFLINE');

  await sending;
  back.stop();
  expect((await back.closed).code).toBe(CloseCode.Normal);
  await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 15_000);
  status.stop();
}, 120_000);
