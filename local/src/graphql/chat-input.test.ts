/**
 * Every chat field refuses bad input with an error that names the field and what it accepts, and
 * stores nothing: text, chat names, word lists, mute lengths, ids, page sizes. HTML in a message
 * is text like any other (the pages show it as text: app/src/routes/watch/chat.test.ts).
 */
import * as op from '@golive/common/api-operations';
import { call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';
import { chatName, history, liveChannel, say } from '../testing/chat-clients';

const api = useApiStack('chat-input');

let channelId: string;
beforeAll(async () => {
  channelId = await liveChannel(api.who, 'Bad input');
  await chatName(api.who.clients.otherSeller, 'Input Tester');
});

const error = (outcome: { errors: { errorType?: string; message: string }[] }) => outcome.errors[0];

describe('sendChatMessage', () => {
  test.each([
    ['empty text', '', 'text must be 1 to 300 characters long.'],
    ['only spaces', '    ', 'text must be 1 to 300 characters long.'],
    ['301 characters', 'x'.repeat(301), 'text must be 1 to 300 characters long.'],
    ['100,000 characters', 'x'.repeat(100_000), 'text must be 1 to 300 characters long.'],
    ['a line break', 'two\nlines', 'text must be one line without control characters.'],
    ['a control character', 'bell \u0007', 'text must be one line without control characters.'],
  ])('%s is a ValidationError, and nothing is stored', async (_case, text, message) => {
    const outcome = await call(api.who.clients.otherSeller, op.SEND_CHAT_MESSAGE, { channelId, text });
    expect(error(outcome)).toMatchObject({ errorType: 'ValidationError', message });
    expect(outcome.data?.sendChatMessage ?? null).toBeNull();
    expect((await history(api.who.clients.viewer, channelId)).map((m) => m.text)).not.toContain(text);
  });

  test('HTML and script are kept as the text they are, trimmed, up to 300 characters', async () => {
    const text = `<script>alert("x")</script><img src=x onerror=alert(1)> ${'é'.repeat(240)}`;
    expect(text.length).toBeLessThanOrEqual(300);
    const sent = await say(api.who.clients.otherSeller, channelId, `  ${text}  `);
    expect(sent.text).toBe(text);
    expect((await history(api.who.clients.viewer, channelId)).at(-1)!.text).toBe(text);
  });

  test.each([
    ['an empty channel id', '', 'ValidationError', 'channelId is not a valid identifier.'],
    ['a channel id with a slash', 'a/b', 'ValidationError', 'channelId is not a valid identifier.'],
    ['a channel that does not exist', 'nochannel', 'NotFound', 'Channel not found.'],
  ])('%s is refused, saying why', async (_case, id, errorType, message) => {
    const outcome = await call(api.who.clients.otherSeller, op.SEND_CHAT_MESSAGE, {
      channelId: id,
      text: 'hi',
    });
    expect(error(outcome)).toMatchObject({ errorType, message });
  });

  test('a user without a chat name is asked to choose one', async () => {
    const outcome = await call(api.who.clients.admin, op.SEND_CHAT_MESSAGE, { channelId, text: 'hi' });
    expect(error(outcome)).toMatchObject({
      errorType: 'ChatNameRequired',
      message: 'Choose a chat name before you send messages (setChatName).',
    });
  });
});

test.each([
  ['one character', 'A', 'name must be 2 to 24 characters long.'],
  ['25 characters', 'N'.repeat(25), 'name must be 2 to 24 characters long.'],
  ['spaces only', '     ', 'name must be 2 to 24 characters long.'],
  ['angle brackets', '<b>Bold</b>', 'name must not contain control characters, < > or @.'],
  ['an email address', 'me@example.com', 'name must not contain control characters, < > or @.'],
  ['a tab', 'Tab\tName', 'name must not contain control characters, < > or @.'],
])('setChatName: %s is a ValidationError, and the name stays unchosen', async (_case, name, message) => {
  const outcome = await call(api.who.clients.seller, op.SET_CHAT_NAME, { name });
  expect(error(outcome)).toMatchObject({ errorType: 'ValidationError', message });
  const mine = await call<op.MyChatProfileQuery>(api.who.clients.seller, op.MY_CHAT_PROFILE);
  expect(mine.data!.myChatProfile).toBeNull();
});

test.each([
  [0, 'minutes must be between 1 and 43200.'],
  [-5, 'minutes must be between 1 and 43200.'],
  [43_201, 'minutes must be between 1 and 43200.'],
])('muteChatUser for %s minutes is a ValidationError', async (minutes, message) => {
  const outcome = await call(api.who.clients.seller, op.MUTE_CHAT_USER, {
    channelId,
    userId: 'someone',
    minutes,
  });
  expect(error(outcome)).toMatchObject({ errorType: 'ValidationError', message });
});

test.each([
  ['a user id with spaces', { userId: 'a b' }, 'userId is not a valid identifier.'],
  ['an empty channel id', { channelId: '' }, 'channelId is not a valid identifier.'],
])('muteChatUser with %s is a ValidationError', async (_case, change, message) => {
  const outcome = await call(api.who.clients.seller, op.MUTE_CHAT_USER, {
    channelId,
    userId: 'someone',
    minutes: 5,
    ...change,
  });
  expect(error(outcome)).toMatchObject({ errorType: 'ValidationError', message });
});

test.each([
  ['51 words', Array.from({ length: 51 }, (_, n) => `word${n}`), 'blockedWords may hold at most 50 words.'],
  ['two words in one', ['two words'], 'blockedWords: "two words" is not one word'],
  ['an empty word', [''], 'blockedWords: "" is not one word'],
  ['punctuation', ['a.b'], 'blockedWords: "a.b" is not one word'],
  ['41 characters', ['w'.repeat(41)], 'is not one word of 1 to 40 characters'],
])(
  'setChatSettings with %s is a ValidationError, and the list stays as it was',
  async (_case, words, message) => {
    const outcome = await call(api.who.clients.seller, op.SET_CHAT_SETTINGS, {
      channelId,
      input: { enabled: true, blockedWords: words },
    });
    expect(error(outcome)).toMatchObject({ errorType: 'ValidationError' });
    expect(error(outcome)!.message).toContain(message);
    const settings = await call<op.ChannelChatSettingsQuery>(
      api.who.clients.seller,
      op.CHANNEL_CHAT_SETTINGS,
      {
        id: channelId,
      },
    );
    expect(settings.data!.channel!.chatBlockedWords).toEqual([]);
  },
);

test.each([
  ['limit 0', { limit: 0 }, 'limit must be between 1 and 50.'],
  ['limit 51', { limit: 51 }, 'limit must be between 1 and 50.'],
  ['a channel id with a quote', { channelId: "x'" }, 'channelId is not a valid identifier.'],
])('chatMessages with %s is a ValidationError', async (_case, change, message) => {
  const outcome = await call(api.who.clients.viewer, op.CHAT_MESSAGES, { channelId, ...change });
  expect(error(outcome)).toMatchObject({ errorType: 'ValidationError', message });
});

test('chatMessages of a channel that does not exist is empty', async () => {
  expect(await history(api.who.clients.viewer, 'nochannel')).toEqual([]);
});

test.each([
  ['an id with a slash', 'a/b', 'ValidationError', 'id is not a valid identifier.'],
  [
    'a message that does not exist',
    'nomessage',
    'NotFound',
    'Message not found in this chat: it was deleted or has expired.',
  ],
])('deleteChatMessage with %s is refused, saying why', async (_case, id, errorType, message) => {
  const outcome = await call(api.who.clients.seller, op.DELETE_CHAT_MESSAGE, { channelId, id });
  expect(error(outcome)).toMatchObject({ errorType, message });
});
