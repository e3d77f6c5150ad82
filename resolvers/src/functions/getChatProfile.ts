/** chatProfiles table: loads the chat profile of ctx.stash.userId into ctx.stash.profile (null: none yet). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { ChatProfileItem } from '../lib/chat';
import { raiseDataSourceError } from '../lib/results';
import type { ChatProfileStash } from '../lib/stash';

export function request(ctx: Context<unknown, ChatProfileStash>) {
  return get({ key: { id: ctx.stash.userId }, consistentRead: true });
}

export function response(ctx: Context<unknown, ChatProfileStash>) {
  raiseDataSourceError(ctx);
  ctx.stash.profile = (ctx.result as ChatProfileItem | null) ?? null;
  return ctx.stash.profile;
}
