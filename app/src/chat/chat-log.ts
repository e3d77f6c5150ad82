/**
 * The messages a chat shows, reconciled from what the page reads and hears: the last messages
 * read on each (re)subscription, and onChatMessage / onChatMute events in between. Messages are
 * kept by id, so one heard and then read again is shown once; ids sort by time (ULIDs). A read
 * also tells which shown messages are gone: one the read should hold (no older than its oldest,
 * or any when it holds them all) but does not was deleted, or its author muted, while the page was
 * not listening, unless it was heard after the read began (the read may have been made before it).
 */
import { EventEmitter } from 'eventemitter3';
import type { ChatMessageFieldsFragment, ChatMuteFieldsFragment } from '@golive/common/api-operations';

export type ChatLine = ChatMessageFieldsFragment;

export enum ChatLogEvent {
  /** The messages shown changed. */
  Changed = 'changed',
}

interface ChatLogEvents {
  [ChatLogEvent.Changed]: [messages: readonly ChatLine[]];
}

/** What a phone keeps on screen; older lines scroll away for good. */
export const CHAT_LINES_KEPT = 200;

export class ChatLog extends EventEmitter<ChatLogEvents> {
  private byId = new Map<string, ChatLine>();
  private hiddenAuthors = new Set<string>();
  /** Ids heard since the read in flight began. */
  private heardDuringRead = new Set<string>();
  private shown: readonly ChatLine[] = [];

  get messages(): readonly ChatLine[] {
    return this.shown;
  }

  /** A read of the last messages is being sent: what is heard from now on may not be in it. */
  readStarted(): void {
    this.heardDuringRead.clear();
  }

  /**
   * The last messages as chatMessages returned them (oldest first): what the API holds now.
   * `all`: the read returned fewer than it asked for, so it holds every message there is, and
   * anything older shown here is gone too.
   */
  read(history: readonly ChatLine[], { all }: { all: boolean }): void {
    const oldest = all ? '' : (history[0]?.id ?? '');
    const held = new Set(history.map((line) => line.id));
    for (const id of this.byId.keys()) {
      if (id >= oldest && !held.has(id) && !this.heardDuringRead.has(id)) this.byId.delete(id);
    }
    for (const line of history) this.byId.set(line.id, line);
    // The read leaves out muted users' messages: whoever is in it is not muted (any more).
    for (const line of history) this.hiddenAuthors.delete(line.authorId);
    this.changed();
  }

  /** An onChatMessage event: a new message, or one deleted. */
  received(line: ChatLine): void {
    this.heardDuringRead.add(line.id);
    if (line.deleted) this.byId.delete(line.id);
    else this.byId.set(line.id, line);
    this.changed();
  }

  /**
   * An onChatMute event: a muted user's lines go at once. An unmuted user's lines come back with
   * the next read, which the caller makes (this log only holds what it was given).
   */
  muted(mute: ChatMuteFieldsFragment): void {
    if (mute.muted) this.hiddenAuthors.add(mute.userId);
    else this.hiddenAuthors.delete(mute.userId);
    this.changed();
  }

  private changed(): void {
    const lines = [...this.byId.values()]
      .filter((line) => !this.hiddenAuthors.has(line.authorId))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const kept = lines.slice(-CHAT_LINES_KEPT);
    for (const line of lines.slice(0, lines.length - kept.length)) this.byId.delete(line.id);
    this.shown = kept;
    this.emit(ChatLogEvent.Changed, kept);
  }
}
