/**
 * A stop revokes the channel's outstanding tickets: a ticket issued before stopBroadcast (the
 * seller's own, or a leaked one) no longer starts a broadcast, whoever stopped it, while a ticket
 * issued after the stop works as usual.
 */
import * as op from '@golive/common/api-operations';
import { call, keepTestEndpoint } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('ticket-revocation');
const ENDPOINT = 'tw-revocation';

let endpoint: { stop(): void } | undefined;
beforeAll(async () => {
  endpoint = await keepTestEndpoint(api.who.clients.service, ENDPOINT);
});
afterAll(() => endpoint?.stop());

async function channelOfSeller(name: string): Promise<string> {
  const created = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name,
  });
  expect(created.errors).toEqual([]);
  return created.data!.createChannel.id;
}

async function ticketFor(channelId: string): Promise<string> {
  const started = await call<{ startBroadcast: { ticket: string; endpoint: { id: string } } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    { channelId },
  );
  expect(started.errors).toEqual([]);
  expect(started.data!.startBroadcast.endpoint.id).toBe(ENDPOINT);
  return started.data!.startBroadcast.ticket;
}

const claim = (ticket: string) =>
  call<{ claimIngest: { channelId: string; streamKey: string } }>(api.who.clients.service, op.CLAIM_INGEST, {
    ticket,
    endpointId: ENDPOINT,
  });

test.each([
  ['its owner', 'seller'],
  ['an admin', 'admin'],
] as const)(
  'a ticket issued before %s stopped the broadcast is refused; one issued after works',
  async (_, who) => {
    const channelId = await channelOfSeller(`Revoked by ${who}`);
    const before = await ticketFor(channelId);

    const stopped = await call(api.who.clients[who], op.STOP_BROADCAST, { channelId });
    expect(stopped.errors).toEqual([]);

    const refused = await claim(before);
    expect(refused.data?.claimIngest ?? null).toBeNull();
    expect(refused.errors).toEqual([
      expect.objectContaining({
        errorType: 'BroadcastStopped',
        message: 'The broadcast was stopped after this ticket was issued.',
      }),
    ]);
    // Spent by the refusal: it does not come back to life later either.
    expect((await claim(before)).errors[0]).toMatchObject({ errorType: 'InvalidTicket' });

    const after = await ticketFor(channelId);
    const claimed = await claim(after);
    expect(claimed.errors).toEqual([]);
    expect(claimed.data?.claimIngest.channelId).toBe(channelId);
    expect(claimed.data?.claimIngest.streamKey).toMatch(/^sk_/);
  },
);

test("a stop revokes only that channel's tickets", async () => {
  const stoppedChannel = await channelOfSeller('Stopped one');
  const otherChannel = await channelOfSeller('Untouched one');
  const otherTicket = await ticketFor(otherChannel);
  await ticketFor(stoppedChannel);

  expect(
    (await call(api.who.clients.admin, op.STOP_BROADCAST, { channelId: stoppedChannel })).errors,
  ).toEqual([]);
  const claimed = await claim(otherTicket);
  expect(claimed.errors).toEqual([]);
  expect(claimed.data?.claimIngest.channelId).toBe(otherChannel);
});
