/** chatMessages table: deletes message ctx.stash.messageId of ctx.stash.channel; returns it marked deleted. */
import { util, type Context } from '@aws-appsync/utils';
import { NOT_FOUND, refuseFailedCondition } from '../lib/results';
import type { ChatMessageItem } from '../lib/chat';
import type { DeleteChatMessageStash } from '../lib/stash';

export function request(ctx: Context<unknown, DeleteChatMessageStash>) {
  return {
    operation: 'DeleteItem' as const,
    key: util.dynamodb.toMapValues({ channelId: ctx.stash.channel.id, id: ctx.stash.messageId }),
    condition: { expression: 'attribute_exists(id)' },
  };
}

export function response(ctx: Context<unknown, DeleteChatMessageStash>) {
  refuseFailedCondition(ctx, 'Message not found in this chat: it was deleted or has expired.', NOT_FOUND);
  return { ...(ctx.result as ChatMessageItem), deleted: true };
}
