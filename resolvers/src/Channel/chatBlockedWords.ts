/** Channel.chatBlockedWords (NONE): the chat's word list, for the channel's owner and admins only. */
import type { Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { requireOwner } from '../lib/identity';

type ChannelField = Context<unknown, Record<string, never>, undefined, ChannelItem> & { source: ChannelItem };

export function request(ctx: ChannelField) {
  requireOwner(ctx, ctx.source, true);
  return { payload: ctx.source.chatBlockedWords ?? [] };
}

export function response(ctx: ChannelField) {
  return ctx.result as string[];
}
