/**
 * The API as its clients use it: Apollo Client 4 with the AppSync auth and subscription links,
 * against a local stack of its own. Sellers manage channels and get tickets, transwrap (IAM)
 * registers and redeems them, status reports reach exactly the right subscribers.
 */
import { until } from '@golive/common/testing/poll';
import type { ApolloClient } from '@apollo/client';
import { GetChannelCommand, ResourceNotFoundException } from '@aws-sdk/client-ivs';
import { startTcpProxy } from '@golive/common/testing/tcp-proxy';
import { apolloClient, authFor, call, ivsChannelArn, ivsClient } from '../testing/api-clients';
import * as op from '@golive/common/api-operations';
import { collect } from '../testing/subscriptions';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('api', { GRAPHQL_KEEPALIVE_MS: '1000' });

interface Channel {
  id: string;
  name: string;
  owner: string;
  status: string;
  playbackUrl: string;
}

type ChannelEvent = { onChannelStatus: Channel };
type EndpointEvent = { onEndpointChanged: { id: string; status: string } };

async function createChannel(client: ApolloClient, name: string): Promise<Channel> {
  const { data, errors } = await call<{ createChannel: Channel }>(client, op.CREATE_CHANNEL, { name });
  expect(errors).toEqual([]);
  return data!.createChannel;
}

let endpointCount = 0;
async function registerEndpoint(capacity = 10) {
  const id = `tw-${++endpointCount}`;
  const input = {
    id,
    url: `ws://127.0.0.1:9${endpointCount}00/ingest`,
    region: 'local',
    capacity,
    status: 'ACTIVE',
  };
  const { errors } = await call(api.who.clients.service, op.REGISTER_ENDPOINT, { input });
  expect(errors).toEqual([]);
  return id;
}

test('me tells a signed-in user who they are', async () => {
  const { data } = await call<{ me: { email: string; groups: string[] } }>(api.who.clients.seller, op.ME);
  expect(data?.me).toMatchObject({ email: 'seller@example.com', groups: ['sellers'] });
});

test('a seller creates a channel backed by an IVS channel, and finds it in myChannels', async () => {
  const channel = await createChannel(api.who.clients.seller, '  Morning market  ');
  expect(channel).toMatchObject({ name: 'Morning market', status: 'OFFLINE' });
  expect(channel.playbackUrl).toMatch(/^https?:\/\//);
  const { data } = await call<{ myChannels: { items: Channel[] } }>(api.who.clients.seller, op.MY_CHANNELS);
  expect(data?.myChannels.items.map((c) => c.id)).toContain(channel.id);
  const other = await call<{ myChannels: { items: Channel[] } }>(api.who.clients.otherSeller, op.MY_CHANNELS);
  expect(other.data?.myChannels.items.map((c) => c.id)).not.toContain(channel.id);
});

test("an admin sees whose channel it is by the owner's email, which the owner and other users may not read", async () => {
  const channel = await createChannel(api.who.clients.seller, 'Whose is this');
  const listed = await call<{ channels: { items: { id: string; ownerEmail: string | null }[] } }>(
    api.who.clients.admin,
    op.CHANNELS,
    { limit: 100 },
  );
  expect(listed.data?.channels.items.find((item) => item.id === channel.id)?.ownerEmail).toBe(
    'seller@example.com',
  );
  for (const client of [api.who.clients.seller, api.who.clients.otherSeller]) {
    const { errors } = await call(client, op.CHANNEL_OWNER_EMAIL, { id: channel.id });
    expect(errors).toMatchObject([{ errorType: 'Unauthorized', path: ['channel', 'ownerEmail'] }]);
  }
});

test('myChannels pages with nextToken', async () => {
  for (const name of ['p1', 'p2', 'p3']) await createChannel(api.who.clients.otherSeller, name);
  const names: string[] = [];
  let nextToken: string | null = null;
  do {
    const page: Awaited<
      ReturnType<typeof call<{ myChannels: { items: Channel[]; nextToken: string | null } }>>
    > = await call(api.who.clients.otherSeller, op.MY_CHANNELS, { limit: 2, nextToken });
    names.push(...page.data!.myChannels.items.map((c) => c.name));
    nextToken = page.data!.myChannels.nextToken;
  } while (nextToken);
  expect(names).toEqual(['p3', 'p2', 'p1']);
});

test('the broadcast story: ticket, claim by transwrap, LIVE and OFFLINE pushed to the channel subscribers only', async () => {
  const channel = await createChannel(api.who.clients.seller, 'Story');
  const otherChannel = await createChannel(api.who.clients.otherSeller, 'Elsewhere');
  const endpointId = await registerEndpoint();

  const viewer = collect<ChannelEvent>(api.who.clients.viewer, op.ON_CHANNEL_STATUS, { id: channel.id });
  const seller = collect<ChannelEvent>(api.who.clients.seller, op.ON_CHANNEL_STATUS, { id: channel.id });
  const bystander = collect<ChannelEvent>(api.who.clients.viewer, op.ON_CHANNEL_STATUS, {
    id: otherChannel.id,
  });
  await Promise.all([viewer.ready, seller.ready, bystander.ready]);

  const ticket = await call<{
    startBroadcast: { url: string; ticket: string; expiresAt: string; endpoint: { id: string } };
  }>(api.who.clients.seller, op.START_BROADCAST, { channelId: channel.id });
  expect(ticket.errors).toEqual([]);
  expect(ticket.data?.startBroadcast.endpoint.id).toBe(endpointId);
  expect(JSON.stringify(ticket.data)).not.toMatch(/sk_|rtmp/); // no key, no RTMP URL reaches the browser

  const claim = await call<{ claimIngest: { channelId: string; ingestUrl: string; streamKey: string } }>(
    api.who.clients.service,
    op.CLAIM_INGEST,
    { ticket: ticket.data!.startBroadcast.ticket, endpointId },
  );
  expect(claim.errors).toEqual([]);
  expect(claim.data?.claimIngest.channelId).toBe(channel.id);
  expect(claim.data?.claimIngest.ingestUrl).toMatch(/^rtmps:\/\//);
  expect(claim.data?.claimIngest.streamKey).toMatch(/^sk_/);

  const second = await call(api.who.clients.service, op.CLAIM_INGEST, {
    ticket: ticket.data!.startBroadcast.ticket,
    endpointId,
  });
  expect(second.errors[0]).toMatchObject({ errorType: 'InvalidTicket' });

  const at = new Date().toISOString();
  const live = await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelId: channel.id, status: 'LIVE', health: 'HEALTHY', at },
  });
  expect(live.errors).toEqual([]);
  await viewer.next((event) => event.onChannelStatus.status === 'LIVE');
  await seller.next((event) => event.onChannelStatus.status === 'LIVE');

  const liveList = await call<{ liveChannels: { items: Channel[] } }>(
    api.who.clients.viewer,
    op.LIVE_CHANNELS,
  );
  expect(liveList.data?.liveChannels.items.map((c) => c.id)).toContain(channel.id);

  // IVS events name the channel by ARN; an older report than the last applied changes nothing.
  const arn = ivsChannelArn(api.stack.info, channel.id);
  const stale = await call<{ reportStreamStatus: Channel }>(
    api.who.clients.service,
    op.REPORT_STREAM_STATUS,
    {
      input: { channelArn: arn, status: 'OFFLINE', at: new Date(Date.parse(at) - 60_000).toISOString() },
    },
  );
  expect(stale.data?.reportStreamStatus.status).toBe('LIVE');
  await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelArn: arn, status: 'OFFLINE', at: new Date().toISOString() },
  });
  await viewer.next((event) => event.onChannelStatus.status === 'OFFLINE');

  expect(bystander.events).toEqual([]);
  for (const subscription of [viewer, seller, bystander]) subscription.stop();
});

test('endpoint changes reach sellers and admins on onEndpointChanged', async () => {
  const sellerFeed = collect<EndpointEvent>(api.who.clients.seller, op.ON_ENDPOINT_CHANGED);
  const adminFeed = collect<EndpointEvent>(api.who.clients.admin, op.ON_ENDPOINT_CHANGED);
  await Promise.all([sellerFeed.ready, adminFeed.ready]);
  const id = await registerEndpoint();
  await call(api.who.clients.service, op.HEARTBEAT_ENDPOINT, { input: { id, sessions: 3, load: 0.3 } });
  await call(api.who.clients.service, op.SET_ENDPOINT_STATUS, { id, status: 'DRAINING' });
  for (const feed of [sellerFeed, adminFeed]) {
    await feed.next(
      (event) => event.onEndpointChanged.id === id && event.onEndpointChanged.status === 'DRAINING',
    );
    feed.stop();
  }
});

test('startBroadcast picks the least-loaded ACTIVE endpoint and skips draining ones', async () => {
  const busy = await registerEndpoint();
  const idle = await registerEndpoint();
  const draining = await registerEndpoint();
  await call(api.who.clients.service, op.HEARTBEAT_ENDPOINT, { input: { id: busy, sessions: 8, load: 0.8 } });
  await call(api.who.clients.service, op.HEARTBEAT_ENDPOINT, {
    input: { id: idle, sessions: 0, load: 0.01 },
  });
  await call(api.who.clients.service, op.HEARTBEAT_ENDPOINT, {
    input: { id: draining, sessions: 0, load: 0 },
  });
  await call(api.who.clients.service, op.SET_ENDPOINT_STATUS, { id: draining, status: 'DRAINING' });
  // Earlier tests' endpoints are idle too; make them all look loaded except `idle`.
  const { data } = await call<{ endpoints: { items: { id: string; status: string }[] } }>(
    api.who.clients.admin,
    op.ENDPOINTS,
  );
  for (const endpoint of data!.endpoints.items) {
    if (![idle, draining].includes(endpoint.id) && endpoint.status === 'ACTIVE') {
      await call(api.who.clients.service, op.HEARTBEAT_ENDPOINT, {
        input: { id: endpoint.id, sessions: 9, load: 0.9 },
      });
    }
  }
  const channel = await createChannel(api.who.clients.seller, 'Pick');
  const ticket = await call<{ startBroadcast: { endpoint: { id: string } } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    { channelId: channel.id },
  );
  expect(ticket.data?.startBroadcast.endpoint.id).toBe(idle);
});

/** The IVS channel behind an API channel, asked of the IVS API directly. */
async function ivsChannelExists(id: string): Promise<boolean> {
  const ivs = ivsClient(api.stack.info);
  try {
    await ivs.send(new GetChannelCommand({ arn: ivsChannelArn(api.stack.info, id) }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  } finally {
    ivs.destroy();
  }
}

test('deleting a channel removes it from the API and from IVS', async () => {
  const channel = await createChannel(api.who.clients.seller, 'Short-lived');
  expect(await ivsChannelExists(channel.id)).toBe(true);
  const denied = await call(api.who.clients.otherSeller, op.DELETE_CHANNEL, { id: channel.id });
  expect(denied.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
  const deleted = await call(api.who.clients.seller, op.DELETE_CHANNEL, { id: channel.id });
  expect(deleted.errors).toEqual([]);
  const { data } = await call<{ channel: Channel | null }>(api.who.clients.viewer, op.CHANNEL, {
    id: channel.id,
  });
  expect(data?.channel).toBeNull();
  expect(await ivsChannelExists(channel.id)).toBe(false);
  const again = await call(api.who.clients.seller, op.DELETE_CHANNEL, { id: channel.id });
  expect(again.errors[0]).toMatchObject({ errorType: 'NotFound' });
});

test('an admin may delete any channel', async () => {
  const channel = await createChannel(api.who.clients.otherSeller, 'Moderated');
  expect((await call(api.who.clients.admin, op.DELETE_CHANNEL, { id: channel.id })).errors).toEqual([]);
});

test('a dropped WebSocket reconnects through the link, and the subscription keeps receiving', async () => {
  const graphqlPort = new URL(api.stack.info.graphql.url).port;
  const proxy = await startTcpProxy(Number(graphqlPort));
  const viaProxy = apolloClient(
    api.stack.info,
    authFor(api.stack.info, 'viewer', {}),
    `http://127.0.0.1:${proxy.port}/graphql`,
  );
  try {
    const channel = await createChannel(api.who.clients.seller, 'Flaky network');
    const feed = collect<ChannelEvent>(viaProxy, op.ON_CHANNEL_STATUS, { id: channel.id });
    await feed.ready;
    const report = (status: string) =>
      call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
        input: { channelId: channel.id, status, at: new Date().toISOString() },
      });
    await report('CONNECTING');
    await feed.next((event) => event.onChannelStatus.status === 'CONNECTING');

    proxy.dropAll();
    // The link notices the drop, the retry subscribes again over a new connection.
    await until(
      'the subscription connected again through the proxy',
      () => proxy.connections() > 0 && feed.readyCount() >= 2,
      10_000,
    );
    await report('LIVE');
    await feed.next((event) => event.onChannelStatus.status === 'LIVE');
    feed.stop();
  } finally {
    viaProxy.stop();
    await proxy.close();
  }
});

test('a seller renames a channel; the name is checked as at creation, and only the owner may', async () => {
  const channel = await createChannel(api.who.clients.seller, 'Old name');
  const renamed = await call<op.RenameChannelMutation>(api.who.clients.seller, op.RENAME_CHANNEL, {
    id: channel.id,
    name: '  Friday vintage drop ',
  });
  expect(renamed.data?.renameChannel.name).toBe('Friday vintage drop');
  const read = await call<op.ChannelQuery>(api.who.clients.viewer, op.CHANNEL, { id: channel.id });
  expect(read.data?.channel?.name).toBe('Friday vintage drop');
  const empty = await call(api.who.clients.seller, op.RENAME_CHANNEL, { id: channel.id, name: '   ' });
  expect(empty.errors[0]).toMatchObject({ errorType: 'ValidationError' });
  const other = await call(api.who.clients.otherSeller, op.RENAME_CHANNEL, {
    id: channel.id,
    name: 'Mine now',
  });
  expect(other.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
});
