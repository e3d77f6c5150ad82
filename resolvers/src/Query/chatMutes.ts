/** Query.chatMutes: pipeline getChannel (owner or admin) -> findChatMutes. */
import { util, type Context } from '@aws-appsync/utils';
import { muteView } from '../lib/chat';
import type { ChatMutesStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { QueryChatMutesArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryChatMutesArgs, ChatMutesStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.access = 'ownerOrAdmin';
  return {};
}

export function response(ctx: Context<QueryChatMutesArgs, ChatMutesStash>) {
  const now = util.time.nowISO8601();
  return ctx.stash.mutes.map((member) => muteView(member, member.mutedAt ?? now));
}
