/** Mutation.setChatName: pipeline getChatProfile (the caller) -> claimChatName -> putChatProfile. */
import type { Context } from '@aws-appsync/utils';
import { chatName } from '../lib/chat';
import { signedInUser } from '../lib/identity';
import type { SetChatNameStash } from '../lib/stash';
import type { MutationSetChatNameArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationSetChatNameArgs, SetChatNameStash>) {
  ctx.stash.userId = signedInUser(ctx).sub;
  ctx.stash.name = chatName(ctx.args.name);
  return {};
}

export { response } from '../lib/pipeline';
