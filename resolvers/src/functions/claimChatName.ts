/**
 * chatProfiles table: takes ctx.stash.name for ctx.stash.userId, unless they have a name already
 * (ctx.stash.profile) or another user took it, whatever its case: Conflict.
 */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import { CONFLICT, nameClaimId } from '../lib/chat';
import { refuseFailedCondition } from '../lib/results';
import type { SetChatNameStash } from '../lib/stash';

export function request(ctx: Context<unknown, SetChatNameStash>) {
  const { profile, name, userId } = ctx.stash;
  if (profile)
    util.error(`You chose your chat name already: ${profile.name}. It cannot be changed.`, CONFLICT);
  const id = nameClaimId(name);
  return put({
    key: { id },
    item: { id, userId, name, createdAt: util.time.nowISO8601() },
    condition: { id: { attributeExists: false } },
  });
}

export function response(ctx: Context<unknown, SetChatNameStash>) {
  refuseFailedCondition(ctx, `The chat name "${ctx.stash.name}" is taken: choose another.`, CONFLICT);
  return null;
}
