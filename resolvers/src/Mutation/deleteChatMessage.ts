/** Mutation.deleteChatMessage: pipeline getChannel (owner or admin) -> deleteChatMessageItem. */
import type { Context } from '@aws-appsync/utils';
import type { DeleteChatMessageStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationDeleteChatMessageArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationDeleteChatMessageArgs, DeleteChatMessageStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.messageId = identifier('id', ctx.args.id);
  ctx.stash.access = 'ownerOrAdmin';
  return {};
}

export { response } from '../lib/pipeline';
