/**
 * A chat's lines, newest at the bottom, kept scrolled to the newest unless the reader scrolled up
 * to read back. Text is rendered as text (React escapes it): a message with HTML in it shows the
 * HTML's characters. Moderators get, on each line of another user's, a menu to delete the line or
 * mute its author.
 */
import { useLayoutEffect, useRef } from 'react';
import type { ChatLine } from './chat-log';
import type { Chat } from './use-chat';

const ROLE_BADGE = { SELLER: 'Seller', ADMIN: 'Admin', VIEWER: undefined } as const;

export function ChatLines({ chat, label = 'Chat messages' }: { chat: Chat; label?: string }) {
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const element = list.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [chat.lines]);
  return (
    <ol
      ref={list}
      className="chat-lines"
      aria-label={label}
      onScroll={(event) => {
        const element = event.currentTarget;
        pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      }}
    >
      {chat.lines.length === 0 && <li className="chat-empty">No messages yet. Say hello!</li>}
      {chat.lines.map((line) => (
        <li key={line.id} className={`chat-line ${line.authorRole.toLowerCase()}`}>
          <span className="chat-author">{line.authorName}</span>
          {ROLE_BADGE[line.authorRole] && (
            <span className="chat-badge">{ROLE_BADGE[line.authorRole]}</span>
          )}{' '}
          <span className="chat-text">{line.text}</span>
          {chat.canModerate && line.authorId !== chat.myId && line.authorRole !== 'SELLER' && (
            <ModerationMenu chat={chat} line={line} />
          )}
        </li>
      ))}
    </ol>
  );
}

function ModerationMenu({ chat, line }: { chat: Chat; line: ChatLine }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const act = (action: () => void) => () => {
    menu.current?.removeAttribute('open');
    action();
  };
  return (
    <details ref={menu} className="chat-moderate">
      <summary aria-label={`Moderate ${line.authorName}'s message`}>⋯</summary>
      <div className="chat-moderate-menu">
        <button onClick={act(() => chat.remove(line))}>Delete message</button>
        <button onClick={act(() => chat.mute(line, 10))}>Mute {line.authorName} for 10 minutes</button>
        <button onClick={act(() => chat.mute(line, null))}>Mute {line.authorName} until unmuted</button>
      </div>
    </details>
  );
}
