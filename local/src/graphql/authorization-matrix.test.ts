/**
 * Who may do what. Every query, mutation and subscription is tried by every identity, and must be
 * allowed or denied exactly as this table says. Denied means an `Unauthorized` error and no data.
 * Browser identities (seller, otherSeller, admin, viewer) must never see a stream key.
 */
import type { DocumentNode } from '@apollo/client';
import { describeError } from '@golive/common/graphql-client';
import { call, IDENTITIES, type Identity, ivsChannelArn, keepTestEndpoint } from '../testing/api-clients';
import * as op from '@golive/common/api-operations';
import { collect } from '../testing/subscriptions';
import { chatName, liveChannel, say } from '../testing/chat-clients';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('matrix');

/** Everything any browser identity received, to prove no stream key is in it. */
const browserSaw: string[] = [];

let endpoint: { stop(): void } | undefined;
beforeAll(async () => {
  endpoint = await keepTestEndpoint(api.who.clients.service, 'tw-matrix');
});
afterAll(() => endpoint?.stop());

afterAll(() => {
  expect(browserSaw.join('\n')).not.toMatch(/sk_|streamKey|rtmps?:\/\//);
});

async function sellersChannel(): Promise<string> {
  const { data } = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name: 'Matrix',
  });
  return data!.createChannel.id;
}

/** The seller's channel that non-destructive operations share (sellers may own only 20). */
let shared: string | undefined;
async function sharedChannel(): Promise<string> {
  shared ??= await sellersChannel();
  return shared;
}

async function issuedTicket(): Promise<string> {
  const channelId = await sharedChannel();
  const { data } = await call<{ startBroadcast: { ticket: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId,
    },
  );
  return data!.startBroadcast.ticket;
}

type Allowed = Record<Identity, boolean>;
const allow = (...identities: Identity[]): Allowed =>
  Object.fromEntries(IDENTITIES.map((identity) => [identity, identities.includes(identity)])) as Allowed;
const everyone = allow(...IDENTITIES);
const signedIn = allow('seller', 'otherSeller', 'admin');

interface Row {
  document: DocumentNode;
  /** Fresh arguments for each attempt (mutations consume what they act on). */
  variables: () => Promise<Record<string, unknown>>;
  allowed: Allowed;
}

const none = () => Promise.resolve({});
let chatNames = 0;
const channelArgs = async () => ({ id: await sharedChannel() });
const freshChannelArgs = async () => ({ id: await sellersChannel() });
const broadcastArgs = async () => ({ channelId: await sharedChannel() });
const PRODUCT = {
  title: 'Matrix mug',
  price: '12.50',
  currency: 'EUR',
  buyUrl: 'https://shop.example/mug',
};
const productArgs = async () => ({ channelId: await sharedChannel(), input: PRODUCT });
/** A new product on the seller's channel, for a row that changes or removes it. */
async function sellersProduct(): Promise<{ channelId: string; id: string }> {
  const channelId = await sharedChannel();
  const { data } = await call<op.AddProductMutation>(api.who.clients.seller, op.ADD_PRODUCT, {
    channelId,
    input: PRODUCT,
  });
  return { channelId, id: data!.addProduct.id };
}
/** The seller's channel on air, whose chat the chat rows use (the chat takes messages on air only). */
let chat: string | undefined;
async function chatChannel(): Promise<string> {
  chat ??= await liveChannel(api.who, 'Matrix chat');
  return chat;
}
/** A message in the chat, by a user none of the moderation rows is about. */
async function chatMessageArgs() {
  const channelId = await chatChannel();
  await chatName(api.who.clients.seller, 'Matrix Seller');
  const message = await say(api.who.clients.seller, channelId, 'To be deleted');
  return { channelId, id: message.id };
}
const unmuteArgs = async () => ({ channelId: await chatChannel(), userId: 'matrix-nobody' });
// Only declared variables: Apollo drops others after the IAM link has signed the body with them.
const muteArgs = async () => ({ ...(await unmuteArgs()), minutes: 5 });

/** A user id no one has: suspending it shuts out no identity the other rows use. */
const sellerArgs = () => Promise.resolve({ userId: 'matrix-nobody' });

const OPERATIONS: Record<string, Row> = {
  me: { document: op.ME, variables: none, allowed: signedIn },
  myChannels: { document: op.MY_CHANNELS, variables: none, allowed: allow('seller', 'otherSeller') },
  'channel (public fields)': { document: op.CHANNEL, variables: channelArgs, allowed: everyone },
  'channel.owner': {
    document: op.CHANNEL_OWNER,
    variables: channelArgs,
    allowed: allow('seller', 'otherSeller', 'admin', 'service'),
  },
  'channel.ownerEmail': {
    document: op.CHANNEL_OWNER_EMAIL,
    variables: channelArgs,
    allowed: allow('admin'),
  },
  liveChannels: {
    document: op.LIVE_CHANNELS,
    variables: none,
    allowed: allow('seller', 'otherSeller', 'admin', 'viewer'),
  },
  channels: { document: op.CHANNELS, variables: none, allowed: allow('admin') },
  endpoints: { document: op.ENDPOINTS, variables: none, allowed: allow('admin') },
  seller: { document: op.SELLER, variables: sellerArgs, allowed: allow('admin') },
  suspendedSellers: { document: op.SUSPENDED_SELLERS, variables: none, allowed: allow('admin') },
  broadcastStopped: {
    document: op.BROADCAST_STOPPED,
    variables: async () => ({ channelId: await sharedChannel(), since: new Date().toISOString() }),
    allowed: allow('service'),
  },
  broadcastTakenOver: {
    document: op.BROADCAST_TAKEN_OVER,
    variables: async () => ({ channelId: await sharedChannel(), since: new Date().toISOString() }),
    allowed: allow('service'),
  },
  createChannel: {
    document: op.CREATE_CHANNEL,
    variables: () => Promise.resolve({ name: 'New' }),
    allowed: allow('seller', 'otherSeller'),
  },
  "renameChannel (seller's channel)": {
    document: op.RENAME_CHANNEL,
    variables: async () => ({ ...(await freshChannelArgs()), name: 'Renamed' }),
    allowed: allow('seller'),
  },
  "deleteChannel (seller's channel)": {
    document: op.DELETE_CHANNEL,
    variables: freshChannelArgs,
    allowed: allow('seller', 'admin'),
  },
  "startBroadcast (seller's channel)": {
    document: op.START_BROADCAST,
    variables: broadcastArgs,
    allowed: allow('seller'),
  },
  "stopBroadcast (seller's channel)": {
    document: op.STOP_BROADCAST,
    variables: broadcastArgs,
    allowed: allow('seller', 'admin'),
  },
  "products (seller's channel)": {
    document: op.PRODUCTS,
    variables: async () => ({ channelId: await sharedChannel() }),
    allowed: allow('seller', 'otherSeller', 'admin', 'viewer'),
  },
  "addProduct (seller's channel)": {
    document: op.ADD_PRODUCT,
    variables: productArgs,
    allowed: allow('seller'),
  },
  "updateProduct (seller's product)": {
    document: op.UPDATE_PRODUCT,
    variables: async () => ({ ...(await sellersProduct()), input: { ...PRODUCT, price: '13' } }),
    allowed: allow('seller'),
  },
  "removeProduct (seller's product)": {
    document: op.REMOVE_PRODUCT,
    variables: sellersProduct,
    allowed: allow('seller'),
  },
  "pinProduct (seller's product)": {
    document: op.PIN_PRODUCT,
    variables: async () => {
      const { channelId, id } = await sellersProduct();
      return { channelId, productId: id };
    },
    allowed: allow('seller'),
  },
  "unpinProduct (seller's channel)": {
    document: op.UNPIN_PRODUCT,
    variables: async () => ({ channelId: await sharedChannel() }),
    allowed: allow('seller'),
  },
  'channel.pinnedProduct': {
    document: op.CHANNEL_PIN,
    variables: channelArgs,
    allowed: allow('seller', 'otherSeller', 'admin', 'viewer'),
  },
  chatMessages: {
    document: op.CHAT_MESSAGES,
    variables: async () => ({ channelId: await chatChannel() }),
    allowed: allow('seller', 'otherSeller', 'admin', 'viewer'),
  },
  myChatProfile: { document: op.MY_CHAT_PROFILE, variables: none, allowed: signedIn },
  // Before sendChatMessage: a name is chosen once, and this row is where each identity chooses it.
  setChatName: {
    document: op.SET_CHAT_NAME,
    variables: () => Promise.resolve({ name: `Matrix ${++chatNames}` }),
    allowed: signedIn,
  },
  sendChatMessage: {
    document: op.SEND_CHAT_MESSAGE,
    variables: async () => ({ channelId: await chatChannel(), text: 'Hello from the matrix' }),
    allowed: signedIn,
  },
  "deleteChatMessage (seller's channel)": {
    document: op.DELETE_CHAT_MESSAGE,
    variables: chatMessageArgs,
    allowed: allow('seller', 'admin'),
  },
  "muteChatUser (seller's channel)": {
    document: op.MUTE_CHAT_USER,
    variables: muteArgs,
    allowed: allow('seller', 'admin'),
  },
  "chatMutes (seller's channel)": {
    document: op.CHAT_MUTES,
    variables: async () => ({ channelId: await chatChannel() }),
    allowed: allow('seller', 'admin'),
  },
  "unmuteChatUser (seller's channel)": {
    document: op.UNMUTE_CHAT_USER,
    variables: unmuteArgs,
    allowed: allow('seller', 'admin'),
  },
  "setChatSettings (seller's channel)": {
    document: op.SET_CHAT_SETTINGS,
    variables: async () => ({
      channelId: await chatChannel(),
      input: { enabled: true, blockedWords: ['spam'] },
    }),
    allowed: allow('seller', 'admin'),
  },
  'channel.chatBlockedWords': {
    document: op.CHANNEL_CHAT_SETTINGS,
    variables: async () => ({ id: await chatChannel() }),
    allowed: allow('seller', 'admin'),
  },
  suspendSeller: {
    document: op.SUSPEND_SELLER,
    variables: async () => ({ ...(await sellerArgs()), reason: 'Matrix' }),
    allowed: allow('admin'),
  },
  reinstateSeller: { document: op.REINSTATE_SELLER, variables: sellerArgs, allowed: allow('admin') },
  claimIngest: {
    document: op.CLAIM_INGEST,
    variables: async () => ({ ticket: await issuedTicket(), endpointId: 'tw-matrix' }),
    allowed: allow('service'),
  },
  registerEndpoint: {
    document: op.REGISTER_ENDPOINT,
    variables: () =>
      Promise.resolve({
        input: {
          id: 'tw-matrix',
          url: 'ws://127.0.0.1:9999/ingest',
          region: 'local',
          capacity: 100,
          status: 'ACTIVE',
        },
      }),
    allowed: allow('service'),
  },
  heartbeatEndpoint: {
    document: op.HEARTBEAT_ENDPOINT,
    variables: () => Promise.resolve({ input: { id: 'tw-matrix', sessions: 0, load: 0 } }),
    allowed: allow('service'),
  },
  setEndpointStatus: {
    document: op.SET_ENDPOINT_STATUS,
    variables: () => Promise.resolve({ id: 'tw-matrix', status: 'ACTIVE' }),
    allowed: allow('service'),
  },
  "reportViewerCount (a seller's channel on air)": {
    document: op.REPORT_VIEWER_COUNT,
    variables: async () => {
      const channelId = await sellersChannel();
      const at = new Date().toISOString();
      await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
        input: { channelId, status: 'LIVE', at },
      });
      return {
        channelArn: ivsChannelArn(api.stack.info, channelId),
        viewerCount: 1,
      };
    },
    allowed: allow('service'),
  },
  reportStreamStatus: {
    document: op.REPORT_STREAM_STATUS,
    variables: async () => ({
      input: { channelId: await sharedChannel(), status: 'CONNECTING', at: new Date().toISOString() },
    }),
    allowed: allow('service'),
  },
};

const SUBSCRIPTIONS: Record<string, Row> = {
  onChannelStatus: {
    document: op.ON_CHANNEL_STATUS,
    variables: channelArgs,
    allowed: allow('seller', 'otherSeller', 'admin', 'viewer'),
  },
  onEndpointChanged: { document: op.ON_ENDPOINT_CHANGED, variables: none, allowed: signedIn },
  onProductPin: {
    document: op.ON_PRODUCT_PIN,
    variables: async () => ({ channelId: await sharedChannel() }),
    allowed: allow('seller', 'otherSeller', 'admin', 'viewer'),
  },
  onChatMessage: {
    document: op.ON_CHAT_MESSAGE,
    variables: async () => ({ channelId: await chatChannel() }),
    allowed: allow('seller', 'otherSeller', 'admin', 'viewer'),
  },
  onChatMute: {
    document: op.ON_CHAT_MUTE,
    variables: async () => ({ channelId: await chatChannel() }),
    allowed: allow('seller', 'otherSeller', 'admin', 'viewer'),
  },
};

const cases = (rows: Record<string, Row>) =>
  Object.entries(rows).flatMap(([name, row]) =>
    IDENTITIES.map(
      (identity) => [name, identity, row.allowed[identity] ? 'allowed' : 'denied', row] as const,
    ),
  );

describe.each(cases(OPERATIONS))('%s by %s', (_name, identity, expected, row) => {
  test(`is ${expected}`, async () => {
    const outcome = await call(api.who.clients[identity], row.document, await row.variables());
    if (identity !== 'service') browserSaw.push(JSON.stringify(outcome));
    if (expected === 'allowed') {
      expect(outcome.errors).toEqual([]);
    } else {
      expect(outcome.errors.map((error) => error.errorType)).toContain('Unauthorized');
      const values = Object.values(outcome.data ?? {});
      expect(values.every((value) => value === null || JSON.stringify(value).includes('null'))).toBe(true);
    }
  });
});

describe.each(cases(SUBSCRIPTIONS))('subscription %s by %s', (_name, identity, expected, row) => {
  test(`is ${expected}`, async () => {
    const subscription = collect<unknown>(api.who.clients[identity], row.document, await row.variables());
    const started = await Promise.race([
      subscription.ready.then(() => 'allowed'),
      subscription.firstError.then(() => subscription.errors.map((error) => describeError(error)).join('\n')),
    ]);
    subscription.stop();
    if (expected === 'allowed') expect(started).toBe('allowed');
    else expect(started).toMatch(/Unauthorized/);
  });
});
