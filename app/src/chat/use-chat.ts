/**
 * One channel's chat for a page: the lines to show (ChatLog: the last messages read on every
 * (re)subscription, then onChatMessage and onChatMute), and what the signed-in user can do in it:
 * choose a name, send, and, as the channel's seller or an admin, delete, mute and turn chat off.
 */
import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as op from '@golive/common/api-operations';
import type { SubscriptionContext } from '@golive/common/graphql-client';
import { apiErrorMessage, apiErrorType } from '../api/api-error';
import { useAuth } from '../auth/auth-context';
import { ChatLog, ChatLogEvent, type ChatLine } from './chat-log';

/** How many of the last messages a page reads: all chatMessages gives. */
const HISTORY_READ = 50;

export interface Chat {
  channelId: string;
  lines: readonly ChatLine[];
  /** undefined: signed out. null: signed in without a chat name yet. */
  myName: string | null | undefined;
  /** The caller's user id (whose lines are theirs). */
  myId: string | undefined;
  /** The channel's seller, or an admin: may delete, mute and turn the chat off. */
  canModerate: boolean;
  /** Until when the caller is muted here (null: for good); undefined when not muted. */
  mutedUntil: string | null | undefined;
  /** What the last action of the caller's was refused with, in the API's words. */
  error: string | undefined;
  chooseName(name: string): Promise<boolean>;
  send(text: string): Promise<boolean>;
  remove(line: ChatLine): void;
  mute(line: ChatLine, minutes: number | null): void;
  unmute(userId: string): void;
  /** Resolves once the switch is set (false: refused, `error` says why). */
  setEnabled(enabled: boolean): Promise<boolean>;
  /** Users muted in this chat (userId -> name), for moderators to unmute. */
  mutedUsers: ReadonlyMap<string, string>;
}

export function useChat(channelId: string): Chat {
  const client = useApolloClient();
  const { user, is } = useAuth();
  const log = useMemo(() => new ChatLog(), []);
  const [lines, setLines] = useState(log.messages);
  useEffect(() => {
    log.on(ChatLogEvent.Changed, setLines);
    return () => void log.off(ChatLogEvent.Changed, setLines);
  }, [log]);
  const [error, setError] = useState<string>();
  const [mutedUntil, setMutedUntil] = useState<string | null>();
  const [mutedUsers, setMutedUsers] = useState(new Map<string, string>());
  const variables = { channelId };
  // A mute for a time ends by itself: the composer comes back then, with no event to say so. (A
  // timer cannot wait past 2^31 ms, about 24 days: a longer mute shows until the page reloads.)
  useEffect(() => {
    const wait = mutedUntil ? Date.parse(mutedUntil) - Date.now() : NaN;
    if (!(wait < 2 ** 31 - 1)) return;
    const timer = setTimeout(() => setMutedUntil(undefined), Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [mutedUntil]);

  const read = useRef(async () => {
    log.readStarted();
    const { data } = await client.query({
      query: op.CHAT_MESSAGES,
      variables: { channelId, limit: HISTORY_READ },
      fetchPolicy: 'network-only',
    });
    if (data) log.read(data.chatMessages, { all: data.chatMessages.length < HISTORY_READ });
  });
  // Events sent while the subscription was down are not replayed: each (re)subscription reads.
  const context = useMemo<SubscriptionContext>(
    () => ({ onSubscriptionReady: () => void read.current().catch(() => undefined) }),
    [],
  );
  useSubscription(op.ON_CHAT_MESSAGE, {
    variables,
    context,
    onData: ({ data }) => {
      const line = data.data?.onChatMessage;
      if (line) log.received(line);
    },
  });
  const names = useRef(new Map<string, string>());
  for (const line of lines) names.current.set(line.authorId, line.authorName);
  useSubscription(op.ON_CHAT_MUTE, {
    variables,
    onData: ({ data }) => {
      const mute = data.data?.onChatMute;
      if (!mute) return;
      log.muted(mute);
      if (mute.userId === user?.id) setMutedUntil(mute.muted ? mute.until : undefined);
      setMutedUsers((before) => {
        const after = new Map(before);
        if (mute.muted) after.set(mute.userId, mute.userName ?? names.current.get(mute.userId) ?? 'A viewer');
        else after.delete(mute.userId);
        return after;
      });
      if (!mute.muted) void read.current().catch(() => undefined);
    },
  });

  const signedIn = Boolean(user);
  const profile = useQuery(op.MY_CHAT_PROFILE, { skip: !signedIn });
  const owner = useQuery(op.CHANNEL_OWNER, { variables: { id: channelId }, skip: !signedIn });
  const canModerate = is('admins') || (Boolean(user) && owner.data?.channel?.owner === user?.id);
  // Who is muted already, for moderators to unmute (later mutes come as events).
  const mutes = useQuery(op.CHAT_MUTES, { variables, skip: !canModerate });
  useEffect(() => {
    const listed = mutes.data?.chatMutes;
    if (!listed) return;
    setMutedUsers(
      (before) =>
        new Map([...before, ...listed.map((mute) => [mute.userId, mute.userName ?? 'A viewer'] as const)]),
    );
  }, [mutes.data]);
  const [setName] = useMutation(op.SET_CHAT_NAME, { refetchQueries: [op.MY_CHAT_PROFILE] });
  const [sendMessage] = useMutation(op.SEND_CHAT_MESSAGE);
  const [deleteMessage] = useMutation(op.DELETE_CHAT_MESSAGE);
  const [muteUser] = useMutation(op.MUTE_CHAT_USER);
  const [unmuteUser] = useMutation(op.UNMUTE_CHAT_USER);
  const [setSettings] = useMutation(op.SET_CHAT_SETTINGS, {
    refetchQueries: [op.CHANNEL_CHAT_SETTINGS],
    awaitRefetchQueries: true,
  });

  /** Runs an action; a refusal becomes `error` (and a mute the caller learns of, `mutedUntil`). */
  const attempt = async (action: () => Promise<unknown>): Promise<boolean> => {
    try {
      await action();
      setError(undefined);
      return true;
    } catch (caught) {
      if (apiErrorType(caught) === 'Muted') setMutedUntil(mutedUntilOf(caught));
      setError(apiErrorMessage(caught));
      return false;
    }
  };

  return {
    channelId,
    lines,
    myName: signedIn ? (profile.data ? (profile.data.myChatProfile?.name ?? null) : undefined) : undefined,
    myId: user?.id,
    canModerate,
    mutedUntil,
    error,
    mutedUsers,
    chooseName: (name) => attempt(() => setName({ variables: { name } })),
    send: (text) =>
      attempt(async () => {
        const { data } = await sendMessage({ variables: { channelId, text } });
        // Shown at once; the subscription's copy of it is the same line.
        if (data) log.received(data.sendChatMessage);
      }),
    remove: (line) => void attempt(() => deleteMessage({ variables: { channelId, id: line.id } })),
    mute: (line, minutes) =>
      void attempt(() => muteUser({ variables: { channelId, userId: line.authorId, minutes } })),
    unmute: (userId) => void attempt(() => unmuteUser({ variables: { channelId, userId } })),
    setEnabled: (enabled) => attempt(() => setSettings({ variables: { channelId, input: { enabled } } })),
  };
}

function mutedUntilOf(error: unknown): string | null {
  const info = (error as { errors?: { errorInfo?: { until?: string | null } }[] }).errors?.[0]?.errorInfo;
  return info?.until ?? null;
}
