/**
 * chatMessages table: the last ctx.stash.limit messages of ctx.stash.channelId, oldest first,
 * leaving out expired ones (DynamoDB deletes them late) and those of muted users.
 */
import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { CHAT_HISTORY_MAX, type ChatMessageItem } from '../lib/chat';
import { raiseDataSourceError } from '../lib/results';
import type { ChatMessagesStash } from '../lib/stash';

export function request(ctx: Context<unknown, ChatMessagesStash>) {
  return query({
    query: { channelId: { eq: ctx.stash.channelId } },
    filter: { expiresAtEpoch: { gt: util.time.nowEpochSeconds() } },
    // Twice the most asked for: room for the messages of muted users that are left out.
    limit: CHAT_HISTORY_MAX * 2,
    scanIndexForward: false,
  });
}

export function response(ctx: Context<unknown, ChatMessagesStash>) {
  raiseDataSourceError(ctx);
  const { items } = ctx.result as { items: ChatMessageItem[] };
  const muted = ctx.stash.mutes.map((member) => member.userId);
  const shown = items.filter((message) => muted.indexOf(message.authorId) < 0).slice(0, ctx.stash.limit);
  return shown.reverse();
}
