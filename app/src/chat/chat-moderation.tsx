/**
 * For the channel's seller and admins: the chat on/off switch (it shows the choice at once, and
 * the channel's state once the API has it) and the users muted here, to unmute.
 */
import { useState } from 'react';
import type { Chat } from './use-chat';

export function ChatModeration({ chat, enabled }: { chat: Chat; enabled: boolean }) {
  const [wanted, setWanted] = useState<boolean>();
  const toggle = async (on: boolean) => {
    setWanted(on);
    await chat.setEnabled(on);
    setWanted(undefined);
  };
  return (
    <div className="chat-moderation">
      <label className="check">
        <input
          type="checkbox"
          checked={wanted ?? enabled}
          disabled={wanted !== undefined}
          onChange={(event) => void toggle(event.target.checked)}
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
