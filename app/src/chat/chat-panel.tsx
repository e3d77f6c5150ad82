/**
 * A channel's chat as the watch page shows it under the video: the lines, then the composer, and
 * for the channel's seller and admins the chat switch and the users muted here.
 */
import { ChatComposer } from './chat-composer';
import { ChatLines } from './chat-lines';
import { ChatModeration } from './chat-moderation';
import { useChat } from './use-chat';
import './chat.css';

export function ChatPanel({ channelId, enabled }: { channelId: string; enabled: boolean }) {
  const chat = useChat(channelId);
  return (
    <section className="chat-panel" aria-label="Chat">
      <ChatLines chat={chat} />
      {chat.canModerate && <ChatModeration chat={chat} enabled={enabled} />}
      <ChatComposer chat={chat} enabled={enabled} />
    </section>
  );
}
