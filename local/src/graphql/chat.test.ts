/**
 * A channel's live chat over the API: signed-in users send under a chat name chosen once, anyone
 * reads the last messages and follows new ones live, and the channel's seller (or an admin)
 * deletes messages, mutes users and turns the chat off. Real local stack: the resolvers over
 * DynamoDB, the real-time endpoint, Cognito tokens and the API key.
 */
import { DynamoDBClient, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as op from '@golive/common/api-operations';
import { tableNameOf } from '../dynamodb/ensure-tables';
import { call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';
import { chatName, history, liveChannel, say } from '../testing/chat-clients';
import { collect } from '../testing/subscriptions';

const api = useApiStack('chat', { GOLIVE_CHAT_RETENTION_HOURS: '2' });

beforeAll(async () => {
  await chatName(api.who.clients.seller, 'Demo Seller');
  await chatName(api.who.clients.otherSeller, 'Ana');
  await chatName(api.who.clients.admin, 'Moderator Max');
});

const send = (client: keyof typeof api.who.clients, channelId: string, text: string) =>
  call<op.SendChatMessageMutation>(api.who.clients[client], op.SEND_CHAT_MESSAGE, { channelId, text });

test('a chat name is chosen once, and no two users share one in any case', async () => {
  const mine = await call<op.MyChatProfileQuery>(api.who.clients.otherSeller, op.MY_CHAT_PROFILE);
  expect(mine.data!.myChatProfile).toMatchObject({ name: 'Ana' });
  const again = await call(api.who.clients.otherSeller, op.SET_CHAT_NAME, { name: 'Someone Else' });
  expect(again.errors[0]).toMatchObject({
    errorType: 'Conflict',
    message: 'You chose your chat name already: Ana. It cannot be changed.',
  });
  const taken = await call(api.who.clients.admin, op.SET_CHAT_NAME, { name: 'ANA' });
  expect(taken.errors[0]).toMatchObject({ errorType: 'Conflict' });
  expect(
    (await call<op.MyChatProfileQuery>(api.who.clients.admin, op.MY_CHAT_PROFILE)).data!.myChatProfile,
  ).toMatchObject({ name: 'Moderator Max' });
});

test('signed-in users send, everyone reads the last messages and follows new ones live, once each', async () => {
  const channelId = await liveChannel(api.who, 'Send and read');
  const watching = collect<op.OnChatMessageSubscription>(api.who.clients.viewer, op.ON_CHAT_MESSAGE, {
    channelId,
  });
  await watching.ready;
  const question = await say(
    api.who.clients.otherSeller,
    channelId,
    'Is the mug dishwasher safe? <b>yes</b>',
  );
  const answer = await say(api.who.clients.seller, channelId, 'It is!');
  const admin = await say(api.who.clients.admin, channelId, 'Welcome all');
  expect(question).toMatchObject({ authorName: 'Ana', authorRole: 'VIEWER', deleted: false });
  expect(question.text).toBe('Is the mug dishwasher safe? <b>yes</b>');
  expect(answer).toMatchObject({ authorName: 'Demo Seller', authorRole: 'SELLER' });
  expect(admin).toMatchObject({ authorRole: 'ADMIN' });

  await watching.next((event) => event.onChatMessage?.id === admin.id);
  expect(watching.events.map((event) => event.onChatMessage?.id)).toEqual([question.id, answer.id, admin.id]);
  expect(watching.events[0]!.onChatMessage).toEqual(question);
  watching.stop();

  // A viewer who opens the page now reads them, oldest first, with the API key.
  expect(await history(api.who.clients.viewer, channelId)).toEqual([question, answer, admin]);
  expect(await history(api.who.clients.viewer, channelId, 2)).toEqual([answer, admin]);
});

test('the chat takes messages only while on air and with chat on; viewers are told when it goes off', async () => {
  const created = await call<op.CreateChannelMutation>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name: 'Off air',
  });
  const offAir = created.data!.createChannel;
  expect(offAir.chatEnabled).toBe(true);
  expect((await send('otherSeller', offAir.id, 'hello?')).errors[0]).toMatchObject({
    errorType: 'ChatClosed',
    message: 'The chat opens when the channel goes live.',
  });

  const channelId = await liveChannel(api.who, 'Chat off');
  const status = collect<op.OnChannelStatusSubscription>(api.who.clients.viewer, op.ON_CHANNEL_STATUS, {
    id: channelId,
  });
  await status.ready;
  const off = await call<op.SetChatSettingsMutation>(api.who.clients.seller, op.SET_CHAT_SETTINGS, {
    channelId,
    input: { enabled: false },
  });
  expect(off.data!.setChatSettings.chatEnabled).toBe(false);
  await status.next((event) => event.onChannelStatus?.chatEnabled === false);
  status.stop();
  expect((await send('otherSeller', channelId, 'hello?')).errors[0]).toMatchObject({
    errorType: 'ChatClosed',
  });
  // Reading goes on: what was said stays readable.
  expect(await history(api.who.clients.viewer, channelId)).toEqual([]);
});

test('a sender gets 5 messages at once, then 1 a second; past that, the answer says when to retry', async () => {
  const channelId = await liveChannel(api.who, 'Rate');
  // Sent together, each send still counts: never more than the burst gets through.
  const burst = await Promise.all(
    [1, 2, 3, 4, 5, 6].map((n) => send('otherSeller', channelId, `burst ${n}`)),
  );
  const refused = burst.filter((outcome) => outcome.errors.length);
  expect(refused.length).toBeGreaterThanOrEqual(1);
  for (const outcome of refused) expect(outcome.errors[0]).toMatchObject({ errorType: 'Throttled' });

  // Sent one after another, as fast as the API answers: the burst, plus one for each second gone.
  const channel2 = await liveChannel(api.who, 'Rate 2');
  const started = Date.now();
  let accepted = 0;
  let refusal: string | undefined;
  while (refusal === undefined && accepted < 100) {
    const outcome = await send('otherSeller', channel2, `message ${accepted}`);
    if (outcome.errors.length) refusal = outcome.errors[0]!.message;
    else accepted++;
  }
  const seconds = (Date.now() - started) / 1000;
  expect(accepted).toBeGreaterThanOrEqual(5);
  expect(accepted).toBeLessThanOrEqual(5 + Math.ceil(seconds));
  expect(refusal).toMatch(
    /^You are sending messages too fast: at most 5 at once, then 1 a second\. Try again in [0-9.]+ s\.$/,
  );
  // Another user in the same chat is not held back by it, and the sender may go on after the wait.
  expect((await send('admin', channel2, 'I can talk')).errors).toEqual([]);
  await say(api.who.clients.otherSeller, channel2, 'after the wait');
});

test('the seller deletes a message: it goes for everyone watching and for later readers', async () => {
  const channelId = await liveChannel(api.who, 'Delete');
  const spam = await say(api.who.clients.otherSeller, channelId, 'buy cheap followers');
  const kept = await say(api.who.clients.otherSeller, channelId, 'nice scarf');
  const watching = collect<op.OnChatMessageSubscription>(api.who.clients.viewer, op.ON_CHAT_MESSAGE, {
    channelId,
  });
  await watching.ready;
  const deleted = await call<op.DeleteChatMessageMutation>(api.who.clients.seller, op.DELETE_CHAT_MESSAGE, {
    channelId,
    id: spam.id,
  });
  expect(deleted.data!.deleteChatMessage).toMatchObject({ id: spam.id, deleted: true });
  expect((await watching.next()).onChatMessage).toMatchObject({ id: spam.id, deleted: true });
  watching.stop();
  expect(await history(api.who.clients.viewer, channelId)).toEqual([kept]);
  const twice = await call(api.who.clients.admin, op.DELETE_CHAT_MESSAGE, { channelId, id: spam.id });
  expect(twice.errors[0]).toMatchObject({ errorType: 'NotFound' });
});

test('a muted user is refused until unmuted, and their messages are hidden meanwhile', async () => {
  const channelId = await liveChannel(api.who, 'Mute');
  const before = await say(api.who.clients.otherSeller, channelId, 'first');
  const other = await say(api.who.clients.admin, channelId, 'hello');
  const userId = before.authorId;
  const mutes = collect<op.OnChatMuteSubscription>(api.who.clients.viewer, op.ON_CHAT_MUTE, { channelId });
  await mutes.ready;

  const muted = await call<op.MuteChatUserMutation>(api.who.clients.seller, op.MUTE_CHAT_USER, {
    channelId,
    userId,
    minutes: 10,
  });
  const until = muted.data!.muteChatUser.until!;
  expect(Date.parse(until) - Date.now()).toBeGreaterThan(9 * 60_000);
  expect((await mutes.next()).onChatMute).toMatchObject({ userId, userName: 'Ana', muted: true, until });
  // The seller's list of mutes, read again after a reload, names them.
  const listed = await call<op.ChatMutesQuery>(api.who.clients.seller, op.CHAT_MUTES, { channelId });
  expect(listed.data!.chatMutes).toEqual([expect.objectContaining({ userId, userName: 'Ana', until })]);
  const refused = await send('otherSeller', channelId, 'let me speak');
  expect(refused.errors[0]).toMatchObject({
    errorType: 'Muted',
    message: `You are muted in this chat until ${until}.`,
  });
  expect(await history(api.who.clients.viewer, channelId)).toEqual([other]);

  // For good: no end, still refused.
  const forGood = await call<op.MuteChatUserMutation>(api.who.clients.admin, op.MUTE_CHAT_USER, {
    channelId,
    userId,
  });
  expect(forGood.data!.muteChatUser).toMatchObject({ muted: true, until: null });
  expect((await send('otherSeller', channelId, 'please')).errors[0]!.message).toBe(
    'You are muted in this chat.',
  );

  expect(
    (await call<op.ChatMutesQuery>(api.who.clients.admin, op.CHAT_MUTES, { channelId })).data!.chatMutes,
  ).toEqual([expect.objectContaining({ userId, muted: true, until: null })]);
  await call(api.who.clients.seller, op.UNMUTE_CHAT_USER, { channelId, userId });
  await mutes.next((event) => event.onChatMute?.muted === false);
  expect(
    (await call<op.ChatMutesQuery>(api.who.clients.seller, op.CHAT_MUTES, { channelId })).data!.chatMutes,
  ).toEqual([]);
  mutes.stop();
  const after = await say(api.who.clients.otherSeller, channelId, 'thanks');
  expect(await history(api.who.clients.viewer, channelId)).toEqual([before, other, after]);

  const seller = await say(api.who.clients.seller, channelId, 'from the seller');
  const self = await call(api.who.clients.seller, op.MUTE_CHAT_USER, { channelId, userId: seller.authorId });
  expect(self.errors[0]).toMatchObject({
    errorType: 'ValidationError',
    message: "The channel's seller cannot be muted in their own chat.",
  });
});

test("a message with one of the channel's blocked words is held back; only the seller and admins read the list", async () => {
  const channelId = await liveChannel(api.who, 'Words');
  const set = await call(api.who.clients.seller, op.SET_CHAT_SETTINGS, {
    channelId,
    input: { enabled: true, blockedWords: ['Scam', 'scam', 'rip-off'] },
  });
  expect(set.errors).toEqual([]);
  const settings = await call<op.ChannelChatSettingsQuery>(api.who.clients.admin, op.CHANNEL_CHAT_SETTINGS, {
    id: channelId,
  });
  expect(settings.data!.channel!.chatBlockedWords).toEqual(['scam', 'rip-off']);

  for (const text of ['this is a SCAM!', 'what a rip-off', 'scam']) {
    const held = await send('otherSeller', channelId, text);
    expect(held.errors[0]).toMatchObject({
      errorType: 'MessageHeld',
      message: 'Your message was held back: it contains a word this channel does not allow.',
    });
  }
  // Whole words only: a word that merely contains one passes.
  await say(api.who.clients.otherSeller, channelId, 'scampi for dinner, no ripoff');
  expect((await history(api.who.clients.viewer, channelId)).map((message) => message.text)).toEqual([
    'scampi for dinner, no ripoff',
  ]);
  const other = await call(api.who.clients.otherSeller, op.CHANNEL_CHAT_SETTINGS, { id: channelId });
  expect(other.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
});

test('a message expires after the retention period: reads leave it out before DynamoDB deletes it', async () => {
  const channelId = await liveChannel(api.who, 'Retention');
  const sent = await say(api.who.clients.otherSeller, channelId, 'kept for two hours');
  const dynamodb = new DynamoDBClient({
    endpoint: api.stack.info.dynamodb.endpoint,
    region: api.stack.info.region,
    credentials: { ...api.stack.info.credentials },
  });
  try {
    const TableName = tableNameOf('chatMessages');
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName, Key: marshall({ channelId, id: sent.id }) }),
    );
    const stored = unmarshall(Item!) as { expiresAtEpoch: number };
    expect(stored.expiresAtEpoch).toBe(Math.floor(Date.parse(sent.sentAt) / 1000) + 2 * 3600);
    // One whose time is up, still in the table (DynamoDB deletes expired items up to days late).
    await dynamodb.send(
      new PutItemCommand({
        TableName,
        Item: marshall({
          ...sent,
          id: `00${sent.id.slice(2)}`,
          text: 'expired',
          expiresAtEpoch: stored.expiresAtEpoch - 3 * 3600,
        }),
      }),
    );
  } finally {
    dynamodb.destroy();
  }
  expect(await history(api.who.clients.viewer, channelId)).toEqual([sent]);
});

test("a deleted channel's chat is no longer read, though its messages wait for their TTL", async () => {
  const channelId = await liveChannel(api.who, 'Deleted');
  await say(api.who.clients.otherSeller, channelId, 'see you next time');
  await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelId, status: 'OFFLINE', at: new Date().toISOString() },
  });
  expect(await history(api.who.clients.viewer, channelId)).toHaveLength(1);
  const deleted = await call(api.who.clients.seller, op.DELETE_CHANNEL, { id: channelId });
  expect(deleted.errors).toEqual([]);
  expect(await history(api.who.clients.viewer, channelId)).toEqual([]);
});
