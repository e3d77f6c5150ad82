/**
 * channels table: loads ctx.stash.channelId into ctx.stash.channel, enforcing ctx.stash.access:
 * 'owner' (the owner only), 'ownerOrAdmin', or 'service' and 'anyone' (the schema decides who).
 */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { requireOwner } from '../lib/identity';
import { found } from '../lib/results';
import type { ChannelStash } from '../lib/stash';

export function request(ctx: Context<unknown, ChannelStash>) {
  return get({ key: { id: ctx.stash.channelId } });
}

export function response(ctx: Context<unknown, ChannelStash>) {
  const channel = found<ChannelItem>(ctx, 'Channel');
  const { access } = ctx.stash;
  if (access === 'owner' || access === 'ownerOrAdmin') requireOwner(ctx, channel, access === 'ownerOrAdmin');
  ctx.stash.channel = channel;
  return channel;
}
