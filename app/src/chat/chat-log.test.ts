/**
 * The chat a viewer sees after any order of reads and events: each message once, in time order,
 * without the deleted ones or those of muted users, across a reconnect that missed events.
 */
import { ChatLog, ChatLogEvent, type ChatLine } from './chat-log';

const line = (id: string, authorId = 'ana', text = `message ${id}`): ChatLine => ({
  channelId: 'c1',
  id,
  authorId,
  authorName: authorId,
  authorRole: 'VIEWER',
  text,
  sentAt: new Date(0).toISOString(),
  deleted: false,
});
const deleted = (id: string): ChatLine => ({ ...line(id), deleted: true });
const mute = (userId: string, muted = true) => ({
  channelId: 'c1',
  userId,
  userName: userId,
  muted,
  until: null,
  at: '',
});
const ids = (log: ChatLog) => log.messages.map((message) => message.id);
/** A read that filled its page: there may be older messages than it holds. */
const some = { all: false };

test('a message heard and then read again (or read, then heard) is shown once, in id order', () => {
  const log = new ChatLog();
  log.received(line('03'));
  log.read([line('01'), line('02'), line('03')], some);
  log.received(line('02'));
  log.received(line('04'));
  expect(ids(log)).toEqual(['01', '02', '03', '04']);
});

test('events that arrive out of order are shown in time order', () => {
  const log = new ChatLog();
  log.received(line('05'));
  log.received(line('04'));
  expect(ids(log)).toEqual(['04', '05']);
});

test('a deleted message goes, whether heard or found missing from a read after a reconnect', () => {
  const log = new ChatLog();
  log.read([line('01'), line('02'), line('03')], some);
  log.received(deleted('02'));
  expect(ids(log)).toEqual(['01', '03']);
  // Offline meanwhile: 03 was deleted and 05 sent; the read after resubscribing says so.
  log.read([line('01'), line('04'), line('05')], some);
  expect(ids(log)).toEqual(['01', '04', '05']);
});

test('a read that holds every message there is tells that older ones shown were deleted', () => {
  const log = new ChatLog();
  log.read([line('01'), line('02')], some);
  log.read([line('02'), line('03')], { all: true });
  expect(ids(log)).toEqual(['02', '03']);
  log.read([], { all: true });
  expect(ids(log)).toEqual([]);
});

test('messages older than a full read are kept; messages heard while it was on its way are kept', () => {
  const log = new ChatLog();
  log.read([line('01'), line('02')], some);
  log.readStarted();
  log.received(line('03'));
  log.read([line('02')], some);
  expect(ids(log)).toEqual(['01', '02', '03']);
  // A newer message that was deleted while the page was away goes too.
  log.received(line('04'));
  log.readStarted();
  log.read([line('02'), line('03')], some);
  expect(ids(log)).toEqual(['01', '02', '03']);
});

test("a muted user's messages go at once and come back with the read after the unmute", () => {
  const log = new ChatLog();
  log.read([line('01', 'bob'), line('02', 'ana'), line('03', 'bob')], some);
  log.muted(mute('bob'));
  expect(ids(log)).toEqual(['02']);
  log.received(line('04', 'bob'));
  expect(ids(log)).toEqual(['02']);
  log.muted(mute('bob', false));
  log.read([line('01', 'bob'), line('02', 'ana'), line('03', 'bob'), line('04', 'bob')], some);
  expect(ids(log)).toEqual(['01', '02', '03', '04']);
});

test('at most 200 lines are kept, the newest; listeners hear every change', () => {
  const log = new ChatLog();
  const heard: number[] = [];
  log.on(ChatLogEvent.Changed, (messages) => heard.push(messages.length));
  for (let n = 0; n < 205; n++) log.received(line(String(n).padStart(4, '0')));
  expect(log.messages).toHaveLength(200);
  expect(log.messages[0]!.id).toBe('0005');
  expect(heard).toHaveLength(205);
});
