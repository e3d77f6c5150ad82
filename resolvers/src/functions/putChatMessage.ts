/**
 * chatMessages table: stores the caller's message in ctx.stash.channel's chat, to expire after the
 * deployment's retention, unless it holds one of the channel's blocked words (MessageHeld).
 */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import { refuseBlockedWords, roleIn, type ChatMessageItem } from '../lib/chat';
import { quotasOf } from '../lib/quotas';
import { raiseDataSourceError } from '../lib/results';
import type { SendChatMessageStash } from '../lib/stash';

export function request(ctx: Context<unknown, SendChatMessageStash>) {
  const { channel, text, userId, profile } = ctx.stash;
  refuseBlockedWords(text, channel.chatBlockedWords);
  const nowMs = util.time.nowEpochMilliSeconds();
  const item: ChatMessageItem = {
    channelId: channel.id,
    id: util.autoUlid(),
    authorId: userId,
    authorName: profile?.name ?? '',
    authorRole: roleIn(ctx, channel, userId),
    text,
    sentAt: util.time.epochMilliSecondsToISO8601(nowMs),
    deleted: false,
    expiresAtEpoch: Math.floor(nowMs / 1000) + quotasOf(ctx).chatRetentionHours * 3600,
  };
  return put({ key: { channelId: item.channelId, id: item.id }, item });
}

export function response(ctx: Context<unknown, SendChatMessageStash>) {
  raiseDataSourceError(ctx);
  return ctx.result as ChatMessageItem;
}
