/** chatProfiles table: saves the caller's chat name, once (a second, racing one is a Conflict). */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import { CONFLICT, type ChatProfileItem } from '../lib/chat';
import { refuseFailedCondition } from '../lib/results';
import type { SetChatNameStash } from '../lib/stash';

export function request(ctx: Context<unknown, SetChatNameStash>) {
  const { userId, name } = ctx.stash;
  const item: ChatProfileItem = { id: userId, userId, name, createdAt: util.time.nowISO8601() };
  return put({ key: { id: userId }, item, condition: { id: { attributeExists: false } } });
}

export function response(ctx: Context<unknown, SetChatNameStash>) {
  refuseFailedCondition(ctx, 'You chose your chat name already. It cannot be changed.', CONFLICT);
  return ctx.result as ChatProfileItem;
}
