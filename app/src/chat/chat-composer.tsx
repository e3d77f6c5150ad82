/**
 * Where a user writes to the chat, or learns why they cannot: signed out ("Sign in to chat",
 * coming back to this page), no chat name yet (chosen once), muted, or chat off. The API's answer
 * to a refused message (too fast, held back, muted) is shown under the input.
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { CHAT_NAME_MAX, CHAT_NAME_MIN, CHAT_TEXT_MAX } from '@golive/common/chat-limits';
import type { Chat } from './use-chat';

export function ChatComposer({ chat, enabled }: { chat: Chat; enabled: boolean }) {
  const [location] = useLocation();
  if (!enabled) return <p className="chat-notice">The seller turned the chat off.</p>;
  if (chat.myName === undefined && !chat.myId)
    return (
      <p className="chat-notice">
        <Link className="button small primary" href="/sign-in" state={{ from: location }}>
          Sign in to chat
        </Link>
      </p>
    );
  if (chat.myName === undefined) return null;
  if (chat.myName === null) return <NameForm chat={chat} />;
  if (chat.mutedUntil !== undefined)
    return (
      <p className="chat-notice" role="status">
        {chat.mutedUntil
          ? `You are muted in this chat until ${new Date(chat.mutedUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`
          : 'You are muted in this chat.'}
      </p>
    );
  return <MessageForm chat={chat} />;
}

function MessageForm({ chat }: { chat: Chat }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || sending) return;
    setSending(true);
    if (await chat.send(text)) setText('');
    setSending(false);
  };
  return (
    <form className="chat-form" onSubmit={(event) => void submit(event)}>
      <input
        aria-label={`Message as ${chat.myName ?? ''}`}
        placeholder={`Chat as ${chat.myName ?? ''}`}
        value={text}
        maxLength={CHAT_TEXT_MAX}
        enterKeyHint="send"
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
      />
      <button className="button primary small" disabled={sending || !text.trim()}>
        Send
      </button>
      <Refusal error={chat.error} />
    </form>
  );
}

function NameForm({ chat }: { chat: Chat }) {
  const [name, setName] = useState('');
  return (
    <form
      className="chat-form"
      onSubmit={(event) => {
        event.preventDefault();
        void chat.chooseName(name);
      }}
    >
      <input
        aria-label="Chat name"
        placeholder="Choose your chat name"
        value={name}
        minLength={CHAT_NAME_MIN}
        maxLength={CHAT_NAME_MAX}
        required
        onChange={(event) => setName(event.target.value)}
      />
      <button className="button primary small">Save chat name</button>
      <p className="chat-hint">Viewers see this name next to your messages. You choose it once.</p>
      <Refusal error={chat.error} />
    </form>
  );
}

/** Why the API refused the last action, in its words. */
function Refusal({ error }: { error: string | undefined }) {
  return error ? (
    <p className="chat-error" role="alert">
      {error}
    </p>
  ) : null;
}
