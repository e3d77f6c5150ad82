/** Mutation.setChatSettings: pipeline getChannel (owner or admin) -> updateChatSettings. */
import type { Context } from '@aws-appsync/utils';
import { blockedWords } from '../lib/chat';
import type { ChatSettingsStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationSetChatSettingsArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationSetChatSettingsArgs, ChatSettingsStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.access = 'ownerOrAdmin';
  ctx.stash.enabled = ctx.args.input.enabled;
  const words = ctx.args.input.blockedWords;
  ctx.stash.blockedWords = words ? blockedWords(words) : null;
  return {};
}

export { response } from '../lib/pipeline';
