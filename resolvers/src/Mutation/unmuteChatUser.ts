/** Mutation.unmuteChatUser: pipeline getChannel (owner or admin) -> putChatMute (unmuting). */
import type { Context } from '@aws-appsync/utils';
import type { ChatMuteStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationUnmuteChatUserArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationUnmuteChatUserArgs, ChatMuteStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.userId = identifier('userId', ctx.args.userId);
  ctx.stash.access = 'ownerOrAdmin';
  ctx.stash.mutedUntil = null;
  return {};
}

export { response } from '../lib/pipeline';
