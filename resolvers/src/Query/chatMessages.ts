/** Query.chatMessages: pipeline findChannel -> findChatMutes -> readChatMessages. */
import type { Context } from '@aws-appsync/utils';
import { CHAT_HISTORY_MAX } from '../lib/chat';
import type { ChatMessagesStash } from '../lib/stash';
import { identifier, range } from '../lib/validate';
import type { QueryChatMessagesArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryChatMessagesArgs, ChatMessagesStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  const { limit } = ctx.args;
  ctx.stash.limit =
    limit === null || limit === undefined ? CHAT_HISTORY_MAX : range('limit', limit, 1, CHAT_HISTORY_MAX);
  return {};
}

export { response } from '../lib/pipeline';
