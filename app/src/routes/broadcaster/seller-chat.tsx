/**
 * The seller's side of their channel's chat on the Go live page: the lines over the camera preview
 * while on air (rendered into the preview's overlay slot, clear of the camera controls), and in the
 * control panel the chat switch, the muted users, the word list and a box to answer in.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import * as op from '@golive/common/api-operations';
import { apiErrorMessage } from '../../api/api-error';
import { ChatComposer } from '../../chat/chat-composer';
import { ChatLines } from '../../chat/chat-lines';
import { ChatModeration } from '../../chat/chat-moderation';
import { useChat } from '../../chat/use-chat';
import '../../chat/chat.css';

export function SellerChat({ channelId, overlay }: { channelId: string; overlay: HTMLElement | null }) {
  const chat = useChat(channelId);
  const settings = useQuery(op.CHANNEL_CHAT_SETTINGS, { variables: { id: channelId } });
  const channel = settings.data?.channel;
  const enabled = channel?.chatEnabled !== false;
  return (
    <section className="seller-chat" aria-label="Chat">
      <h2>Chat</h2>
      {overlay && createPortal(<ChatLines chat={chat} label="Chat on your preview" />, overlay)}
      <ChatModeration chat={chat} enabled={enabled} />
      <ChatComposer chat={chat} enabled={enabled} />
      {channel && (
        <BlockedWords channelId={channelId} enabled={enabled} words={channel.chatBlockedWords ?? []} />
      )}
    </section>
  );
}

/** The channel's word list: messages with one of these words are held back. */
function BlockedWords(props: { channelId: string; enabled: boolean; words: readonly string[] }) {
  const [text, setText] = useState(props.words.join(', '));
  const [save, saving] = useMutation(op.SET_CHAT_SETTINGS, { refetchQueries: [op.CHANNEL_CHAT_SETTINGS] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blockedWords = text
      .split(/[,\n]/)
      .map((word) => word.trim())
      .filter(Boolean);
    void save({
      variables: { channelId: props.channelId, input: { enabled: props.enabled, blockedWords } },
    }).catch(() => undefined);
  };
  return (
    <form className="blocked-words" onSubmit={submit}>
      <label>
        Blocked words
        <input value={text} placeholder="e.g. scam, spam" onChange={(event) => setText(event.target.value)} />
      </label>
      <button className="button small" disabled={saving.loading}>
        Save words
      </button>
      <p className="chat-hint">Messages with one of these words are held back, and nobody sees them.</p>
      {saving.error && (
        <p className="chat-error" role="alert">
          {apiErrorMessage(saving.error)}
        </p>
      )}
    </form>
  );
}
