/** For the channel's seller and admins: the chat on/off switch and the users muted here, to unmute. */
import type { Chat } from './use-chat';

export function ChatModeration({ chat, enabled }: { chat: Chat; enabled: boolean }) {
  return (
    <div className="chat-moderation">
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => chat.setEnabled(event.target.checked)}
        />
        Chat on
      </label>
      {[...chat.mutedUsers].map(([userId, name]) => (
        <span key={userId} className="chat-muted-user">
          {name} is muted{' '}
          <button className="link-button" onClick={() => chat.unmute(userId)}>
            Unmute
          </button>
        </span>
      ))}
    </div>
  );
}
