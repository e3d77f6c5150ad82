/** Mutation.muteChatUser: pipeline getChannel (owner or admin) -> putChatMute. */
import { util, type Context } from '@aws-appsync/utils';
import { MUTE_MINUTES_MAX, MUTED_FOR_GOOD } from '../lib/chat';
import type { ChatMuteStash } from '../lib/stash';
import { identifier, range } from '../lib/validate';
import type { MutationMuteChatUserArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationMuteChatUserArgs, ChatMuteStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.userId = identifier('userId', ctx.args.userId);
  ctx.stash.access = 'ownerOrAdmin';
  const { minutes } = ctx.args;
  ctx.stash.mutedUntil =
    minutes === null || minutes === undefined
      ? MUTED_FOR_GOOD
      : util.time.epochMilliSecondsToISO8601(
          util.time.nowEpochMilliSeconds() + range('minutes', minutes, 1, MUTE_MINUTES_MAX) * 60_000,
        );
  return {};
}

export { response } from '../lib/pipeline';
