/**
 * An admin suspends a seller who abuses the service: the broadcast they have on air ends (IVS cuts
 * it, transwrap hears the owner is suspended and closes with 4012, do not reconnect), a ticket
 * they took before is worthless, and they get no new ticket or channel, each refusal saying so,
 * until an admin reinstates them. Real processes: the local stack, transwrap, FFmpeg.
 */
import * as op from '@golive/common/api-operations';
import { CloseCode } from '@golive/transwrap/protocol/messages';
import { IngestClient } from '@golive/transwrap/testing/ingest-client';
import { broadcastOn, testRecording, watchedChannel } from '@golive/transwrap/testing/test-broadcast';
import { useTranswrap } from '@golive/transwrap/testing/transwrap-process';
import { call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('suspension');
useTranswrap(api);

const REASON = 'Streams of other people’s football matches';
const SUSPENDED = expect.objectContaining({
  errorType: 'SellerSuspended',
  message: `Your seller account is suspended: ${REASON}. Broadcasting and new channels are blocked until an admin reinstates it.`,
}) as unknown;

async function sellerId(): Promise<string> {
  const { data } = await call<{ me: { id: string } }>(api.who.clients.seller, op.ME);
  return data!.me.id;
}

test('suspending a seller ends their live broadcast and blocks them until reinstated', async () => {
  const seller = await sellerId();
  const watched = await watchedChannel(api, 'Suspended mid-show');
  const spare = await watchedChannel(api, 'Spare channel');
  const { client, sending } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(0);
  // A ticket taken while in good standing, for use after the suspension.
  const earlier = await spare.ticket();

  const suspended = await call<{
    suspendSeller: { userId: string; suspended: boolean; suspendedReason: string };
  }>(api.who.clients.admin, op.SUSPEND_SELLER, { userId: seller, reason: `  ${REASON}  ` });
  expect(suspended.errors).toEqual([]);
  expect(suspended.data?.suspendSeller).toMatchObject({
    userId: seller,
    suspended: true,
    suspendedReason: REASON,
  });

  // The broadcast on air ends for good: the seller is told not to reconnect, viewers see it end.
  expect(await client.closed).toEqual({
    code: CloseCode.BroadcastStopped,
    reason: 'the broadcast was stopped by its seller or an admin',
  });
  await sending;
  await watched.status.next((event) => event.onChannelStatus.status === 'OFFLINE', 20_000);

  // The earlier ticket is refused at transwrap (the API refused its claim); a new one is not given.
  const late = new IngestClient(earlier.url);
  await late.hello(earlier.ticket, testRecording().media, api.who.tokens.seller);
  expect((await late.closed).code).toBe(CloseCode.TicketRefused);
  for (const channelId of [watched.channel.id, spare.channel.id]) {
    const refused = await call(api.who.clients.seller, op.START_BROADCAST, { channelId });
    expect(refused.data?.startBroadcast ?? null).toBeNull();
    expect(refused.errors).toEqual([SUSPENDED]);
  }
  const noChannel = await call(api.who.clients.seller, op.CREATE_CHANNEL, { name: 'Another one' });
  expect(noChannel.errors).toEqual([SUSPENDED]);

  // Admins see who is suspended, and why.
  const listed = await call<{ suspendedSellers: { items: { userId: string; suspendedReason: string }[] } }>(
    api.who.clients.admin,
    op.SUSPENDED_SELLERS,
  );
  expect(listed.data?.suspendedSellers.items).toContainEqual(
    expect.objectContaining({ userId: seller, suspendedReason: REASON }),
  );

  const reinstated = await call<{ reinstateSeller: { suspended: boolean; suspendedReason: string | null } }>(
    api.who.clients.admin,
    op.REINSTATE_SELLER,
    { userId: seller },
  );
  expect(reinstated.data?.reinstateSeller).toMatchObject({ suspended: false, suspendedReason: null });
  const again = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
  await watched.liveAgain(1);
  again.client.stop();
  await again.sending;
  expect((await again.client.closed).code).toBe(CloseCode.Normal);
  const after = await call<{ suspendedSellers: { items: { userId: string }[] } }>(
    api.who.clients.admin,
    op.SUSPENDED_SELLERS,
  );
  expect(after.data?.suspendedSellers.items.map((item) => item.userId)).not.toContain(seller);
  watched.status.stop();
  spare.status.stop();
}, 120_000);

test('a suspension reason is required, and says something', async () => {
  const outcome = await call(api.who.clients.admin, op.SUSPEND_SELLER, {
    userId: await sellerId(),
    reason: ' ',
  });
  expect(outcome.errors).toEqual([
    expect.objectContaining({
      errorType: 'ValidationError',
      message: 'reason must be 1 to 500 characters long.',
    }),
  ]);
});
