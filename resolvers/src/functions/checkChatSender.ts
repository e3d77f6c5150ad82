/**
 * chatMembers table: may the caller send to ctx.stash.channel's chat now? Refuses when the chat
 * is closed, the caller has no chat name, is muted there, or sends faster than the rate allows;
 * otherwise stashes their next turn for takeChatTurn.
 */
import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import {
  CHAT_NAME_REQUIRED,
  nextTurnAtMs,
  refuseIfChatClosed,
  refuseIfMuted,
  type ChatMemberItem,
} from '../lib/chat';
import { raiseDataSourceError } from '../lib/results';
import type { SendChatMessageStash } from '../lib/stash';

export function request(ctx: Context<unknown, SendChatMessageStash>) {
  refuseIfChatClosed(ctx.stash.channel);
  if (!ctx.stash.profile)
    util.error('Choose a chat name before you send messages (setChatName).', CHAT_NAME_REQUIRED);
  return get({ key: { channelId: ctx.stash.channel.id, userId: ctx.stash.userId }, consistentRead: true });
}

export function response(ctx: Context<unknown, SendChatMessageStash>) {
  raiseDataSourceError(ctx);
  const member = (ctx.result as ChatMemberItem | null) ?? null;
  refuseIfMuted(member);
  ctx.stash.member = member;
  ctx.stash.nextTurnAtMs = nextTurnAtMs(member?.turnAtMs, util.time.nowEpochMilliSeconds());
  return null;
}
