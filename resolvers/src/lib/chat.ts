/**
 * A channel's live chat as the tables keep it (tables.ts: chatMessages, chatMembers,
 * chatProfiles) and the rules its fields follow. Each failure is an error that says what was wrong.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { ChatMessage, ChatMute, ChatProfile, ChatRole } from '@golive/common/generated/schema-types';
import { CHAT_NAME_MAX, CHAT_NAME_MIN, CHAT_TEXT_MAX } from '@golive/common/chat-limits';
import type { ChannelItem } from './channel';
import { isAdmin } from './identity';
import { VALIDATION_ERROR } from './validate';

/** How many messages a reader gets at most: what a phone shows, and a bound on the read. */
export const CHAT_HISTORY_MAX = 50;
export const BLOCKED_WORDS_MAX = 50;
export const BLOCKED_WORD_MAX = 40;
/** A mute lasts at most this long unless it is for good (30 days). */
export const MUTE_MINUTES_MAX = 43_200;
/** Send rate per user and channel: bursts of this many, then one per interval. */
export const CHAT_BURST = 5;
export const CHAT_INTERVAL_MS = 1000;
/** mutedUntil of a mute for good: later than any real time, so one index range holds every mute. */
export const MUTED_FOR_GOOD = '9999-12-31T23:59:59.999Z';

export const CHAT_CLOSED = 'ChatClosed';
export const CHAT_NAME_REQUIRED = 'ChatNameRequired';
export const MUTED = 'Muted';
export const THROTTLED = 'Throttled';
export const MESSAGE_HELD = 'MessageHeld';
export const CONFLICT = 'Conflict';

/** Stored as the API returns it, with the time DynamoDB may drop it. */
export interface ChatMessageItem extends ChatMessage {
  expiresAtEpoch: number;
}

/** One user in one channel's chat. */
export interface ChatMemberItem {
  channelId: string;
  userId: string;
  /** When the user's next message is due if they sent at the allowed rate (epoch ms). */
  turnAtMs?: number;
  /** While muted: until when (ISO 8601; MUTED_FOR_GOOD), and the channel again, for byMute. */
  mutedUntil?: string;
  mutedChannelId?: string;
  mutedBy?: string;
  /** Their chat name when muted, for the moderators' list. */
  mutedName?: string;
  /** When the mute was set (ISO 8601). */
  mutedAt?: string;
}

/** A user's chat name, under their sub; the name's claim is `{ id: nameClaimId(name), userId }`. */
export type ChatProfileItem = { id: string } & ChatProfile;

/** One line of plain text: trimmed, 1 to CHAT_TEXT_MAX characters, no control characters. */
export function chatText(raw: string): string {
  const text = raw.trim();
  if (text.length === 0 || text.length > CHAT_TEXT_MAX)
    util.error(`text must be 1 to ${CHAT_TEXT_MAX} characters long.`, VALIDATION_ERROR);
  if (!util.matches('^[^\\x00-\\x1f\\x7f]+$', text))
    util.error('text must be one line without control characters.', VALIDATION_ERROR);
  return text;
}

/** A chat name: 2 to 24 characters, no control characters, < > or @, no space at either end. */
export function chatName(raw: string): string {
  const name = raw.trim();
  if (name.length < CHAT_NAME_MIN || name.length > CHAT_NAME_MAX)
    util.error(`name must be ${CHAT_NAME_MIN} to ${CHAT_NAME_MAX} characters long.`, VALIDATION_ERROR);
  if (!util.matches('^[^\\x00-\\x1f\\x7f<>@]+$', name))
    util.error('name must not contain control characters, < > or @.', VALIDATION_ERROR);
  return name;
}

/** Names are unique whatever their case: "Ana" and "ana" are one name. */
export function nameClaimId(name: string): string {
  return `name:${name.toLowerCase()}`;
}

/** What separates words: white space and ASCII punctuation but ' and - (which join "don't", "t-shirt"). */
const SEPARATORS = ' \t.,;:!?"()[]{}<>/\\|@#$%^&*+=~`_';

/** The words of a text, lower case. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  let word = '';
  for (const character of text.toLowerCase().split('')) {
    if (SEPARATORS.indexOf(character) >= 0) {
      if (word) words.push(word);
      word = '';
    } else {
      word = word + character;
    }
  }
  if (word) words.push(word);
  return words;
}

/** A word list as sellers type it: each a single word, lower-cased, duplicates dropped. */
export function blockedWords(raw: string[]): string[] {
  if (raw.length > BLOCKED_WORDS_MAX)
    util.error(`blockedWords may hold at most ${BLOCKED_WORDS_MAX} words.`, VALIDATION_ERROR);
  const words: string[] = [];
  for (const entry of raw) {
    const word = entry.trim().toLowerCase();
    const parts = wordsOf(word);
    if (word.length === 0 || word.length > BLOCKED_WORD_MAX || parts.length !== 1 || parts[0] !== word)
      util.error(
        `blockedWords: "${entry}" is not one word of 1 to ${BLOCKED_WORD_MAX} characters without spaces or punctuation.`,
        VALIDATION_ERROR,
      );
    if (words.indexOf(word) < 0) words.push(word);
  }
  return words;
}

/** A message with one of the channel's blocked words in it is held back: never stored or shown. */
export function refuseBlockedWords(text: string, blocked: readonly string[] | null | undefined): void {
  if (!blocked || blocked.length === 0) return;
  for (const word of wordsOf(text)) {
    if (blocked.indexOf(word) >= 0)
      util.error('Your message was held back: it contains a word this channel does not allow.', MESSAGE_HELD);
  }
}

/** How the channel sees the caller: its seller, an admin, or a viewer. */
export function roleIn(ctx: Context, channel: ChannelItem, userId: string): ChatRole {
  if (userId === channel.owner) return 'SELLER';
  return isAdmin(ctx) ? 'ADMIN' : 'VIEWER';
}

/** The chat takes messages while the channel is on air and its seller has not turned chat off. */
export function refuseIfChatClosed(channel: ChannelItem): void {
  if (channel.chatEnabled === false)
    util.error("This channel's chat is off: its seller turned it off.", CHAT_CLOSED);
  if (channel.status === 'OFFLINE') util.error('The chat opens when the channel goes live.', CHAT_CLOSED);
}

/** Muted now: until a time still to come, or for good. */
export function mutedNow(member: ChatMemberItem | null): boolean {
  return !!member?.mutedUntil && member.mutedUntil > util.time.nowISO8601();
}

/** A mute as the API tells it: `until` null for good (or when unmuted). */
export function muteView(member: ChatMemberItem, at: string): ChatMute {
  const until = member.mutedUntil;
  return {
    channelId: member.channelId,
    userId: member.userId,
    userName: member.mutedName ?? null,
    muted: !!until,
    until: until && until !== MUTED_FOR_GOOD ? until : null,
    at,
  };
}

export function refuseIfMuted(member: ChatMemberItem | null): void {
  if (!member || !mutedNow(member)) return;
  const until = member.mutedUntil === MUTED_FOR_GOOD ? null : (member.mutedUntil ?? null);
  util.error(
    until ? `You are muted in this chat until ${until}.` : 'You are muted in this chat.',
    MUTED,
    null,
    { until },
  );
}

/**
 * The next turn of a sender whose last turn was `turnAtMs` (GCRA: each message pushes the turn one
 * interval on; a sender may run CHAT_BURST - 1 intervals ahead of the clock). Throttled when they
 * are further ahead, saying how long to wait.
 */
export function nextTurnAtMs(turnAtMs: number | undefined, nowMs: number): number {
  const turn = turnAtMs && turnAtMs > nowMs ? turnAtMs : nowMs;
  const waitMs = turn - nowMs - (CHAT_BURST - 1) * CHAT_INTERVAL_MS;
  if (waitMs > 0)
    util.error(
      `You are sending messages too fast: at most ${CHAT_BURST} at once, then 1 a second. Try again in ${Math.ceil(waitMs / 100) / 10} s.`,
      THROTTLED,
      null,
      { retryAfterMs: waitMs },
    );
  return turn + CHAT_INTERVAL_MS;
}
