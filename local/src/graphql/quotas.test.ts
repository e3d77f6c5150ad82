/**
 * A seller cannot run up the deployment's bill: the stack runs with small quotas (set as a
 * deployment sets them, GOLIVE_QUOTA_*), and a seller who tries to go past one gets a
 * QuotaExceeded error saying the limit and what frees it. transwrap and IVS's events are played
 * by the service identity (IAM), as they call the API.
 */
import type { ApolloClient } from '@apollo/client';
import * as op from '@golive/common/api-operations';
import { apolloClient, authFor, call, createUser, keepTestEndpoint, signIn } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('quotas', {
  GOLIVE_QUOTA_CHANNELS_PER_SELLER: '2',
  GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER: '1',
  GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH: '1',
});
const ENDPOINT = 'tw-quotas';

let endpoint: { stop(): void } | undefined;
beforeAll(async () => {
  endpoint = await keepTestEndpoint(api.who.clients.service, ENDPOINT);
});
afterAll(() => endpoint?.stop());

interface Seller {
  client: ApolloClient;
  id: string;
}

let sellers = 0;
/** A new seller of their own, as self sign-up makes one: nothing used yet. */
async function newSeller(): Promise<Seller> {
  const { info } = api.stack;
  const username = `quota-seller-${++sellers}@example.com`;
  await createUser(info, username, 'Quota-seller-1', ['sellers']);
  const token = await signIn(info, username, 'Quota-seller-1');
  const client = apolloClient(info, authFor(info, 'seller', { seller: token }));
  const { data } = await call<{ me: { id: string } }>(client, op.ME);
  return { client, id: data!.me.id };
}

const sellersMade: Seller[] = [];
afterAll(() => sellersMade.forEach((seller) => seller.client.stop()));

async function channelOf(seller: Seller, name: string): Promise<string> {
  const { data, errors } = await call<{ createChannel: { id: string } }>(seller.client, op.CREATE_CHANNEL, {
    name,
  });
  expect(errors).toEqual([]);
  return data!.createChannel.id;
}

const startBroadcast = (seller: Seller, channelId: string) =>
  call<{ startBroadcast: { ticket: string } }>(seller.client, op.START_BROADCAST, { channelId });

const claim = (ticket: string) =>
  call<{ claimIngest: { channelId: string } }>(api.who.clients.service, op.CLAIM_INGEST, {
    ticket,
    endpointId: ENDPOINT,
  });

/** A status report as transwrap (CONNECTING) or IVS's events (LIVE, OFFLINE) send it. */
async function report(channelId: string, status: string, at = new Date()) {
  const { errors } = await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelId, status, at: at.toISOString() },
  });
  expect(errors).toEqual([]);
}

async function seller(): Promise<Seller> {
  const made = await newSeller();
  sellersMade.push(made);
  return made;
}

test('a seller may own 2 channels here; the third is refused, and deleting one makes room', async () => {
  const me = await seller();
  const first = await channelOf(me, 'One');
  await channelOf(me, 'Two');

  const third = await call(me.client, op.CREATE_CHANNEL, { name: 'Three' });
  expect(third.data?.createChannel ?? null).toBeNull();
  expect(third.errors).toEqual([
    expect.objectContaining({
      errorType: 'QuotaExceeded',
      message: 'A seller may own 2 channels. Delete one to create another.',
    }),
  ]);

  expect((await call(me.client, op.DELETE_CHANNEL, { id: first })).errors).toEqual([]);
  await channelOf(me, 'Three');
});

test('with one broadcast on air, a second is refused, at startBroadcast and at the claim of an earlier ticket', async () => {
  const me = await seller();
  const onAir = await channelOf(me, 'On air');
  const other = await channelOf(me, 'Other');
  // Both tickets taken while nothing is on air: the second is the one a script would race in.
  const first = await startBroadcast(me, onAir);
  const early = await startBroadcast(me, other);
  expect([first.errors, early.errors]).toEqual([[], []]);
  expect((await claim(first.data!.startBroadcast.ticket)).errors).toEqual([]);
  await report(onAir, 'CONNECTING');
  await report(onAir, 'LIVE');

  const refused = await startBroadcast(me, other);
  expect(refused.data?.startBroadcast ?? null).toBeNull();
  const concurrent = expect.objectContaining({
    errorType: 'QuotaExceeded',
    message: 'A seller may have 1 broadcast on air at once, and you have 1. End one to start another.',
  }) as unknown;
  expect(refused.errors).toEqual([concurrent]);
  // The ticket taken before the first went on air does not get a stream key now.
  const lateClaim = await claim(early.data!.startBroadcast.ticket);
  expect(lateClaim.data?.claimIngest ?? null).toBeNull();
  expect(lateClaim.errors).toEqual([concurrent]);
  // The same channel may come back (a reconnect) while it is the one on air.
  expect((await startBroadcast(me, onAir)).errors).toEqual([]);

  await report(onAir, 'OFFLINE');
  expect((await startBroadcast(me, other)).errors).toEqual([]);
});

test('a seller live for the month’s hour is refused until the next month; an admin sees the hours', async () => {
  const me = await seller();
  const channelId = await channelOf(me, 'Long show');
  const now = Date.now();
  // IVS's events for a broadcast of an hour and a minute, ending now.
  await report(channelId, 'LIVE', new Date(now - 61 * 60_000));
  await report(channelId, 'OFFLINE', new Date(now));

  const refused = await startBroadcast(me, channelId);
  const today = new Date(now);
  const resetsAt = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)).toISOString();
  expect(refused.data?.startBroadcast ?? null).toBeNull();
  expect(refused.errors).toEqual([
    expect.objectContaining({
      errorType: 'QuotaExceeded',
      message: `A seller may be live 1 hour per calendar month (UTC), and you have been live 1 hour this month. The allowance resets at ${resetsAt}.`,
    }),
  ]);

  const standing = await call<{ seller: { liveHoursThisMonth: number; suspended: boolean } }>(
    api.who.clients.admin,
    op.SELLER,
    { userId: me.id },
  );
  expect(standing.errors).toEqual([]);
  expect(standing.data?.seller).toEqual(
    expect.objectContaining({ suspended: false, liveHoursThisMonth: 1.02 }),
  );
});

test('a late or repeated OFFLINE does not count the broadcast twice', async () => {
  const me = await seller();
  const channelId = await channelOf(me, 'Short show');
  const now = Date.now();
  await report(channelId, 'LIVE', new Date(now - 30 * 60_000));
  await report(channelId, 'OFFLINE', new Date(now - 2000));
  await report(channelId, 'OFFLINE', new Date(now - 2000));
  await report(channelId, 'LIVE', new Date(now - 40 * 60_000)); // late: older than the OFFLINE
  await report(channelId, 'OFFLINE', new Date(now - 1000));

  const { data } = await call<{ seller: { liveHoursThisMonth: number } }>(api.who.clients.admin, op.SELLER, {
    userId: me.id,
  });
  expect(data?.seller.liveHoursThisMonth).toBe(0.5);
  expect((await startBroadcast(me, channelId)).errors).toEqual([]);
});
