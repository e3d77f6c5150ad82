/** Channel.chatBlockedWords (NONE): the chat's word list, for the channel's owner and admins only. */
import type { ChannelField } from '../lib/channel';
import { requireOwner } from '../lib/identity';

export function request(ctx: ChannelField) {
  requireOwner(ctx, ctx.source, true);
  return { payload: ctx.source.chatBlockedWords ?? [] };
}

export function response(ctx: ChannelField) {
  return ctx.result as string[];
}
