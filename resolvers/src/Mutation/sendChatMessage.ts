/**
 * Mutation.sendChatMessage: pipeline getChannel (anyone signed in) -> getChatProfile (the caller)
 * -> checkChatSender -> takeChatTurn -> putChatMessage.
 */
import type { Context } from '@aws-appsync/utils';
import { chatText } from '../lib/chat';
import { signedInUser } from '../lib/identity';
import type { SendChatMessageStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationSendChatMessageArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationSendChatMessageArgs, SendChatMessageStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.access = 'anyone';
  ctx.stash.userId = signedInUser(ctx).sub;
  ctx.stash.text = chatText(ctx.args.text);
  return {};
}

export { response } from '../lib/pipeline';
