/** channels table: loads ctx.stash.channelId into ctx.stash.channel, or null when there is none (no error). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';
import type { FoundChannelStash } from '../lib/stash';

export function request(ctx: Context<unknown, FoundChannelStash>) {
  return get<ChannelItem>({ key: { id: ctx.stash.channelId } });
}

export function response(ctx: Context<unknown, FoundChannelStash>) {
  raiseDataSourceError(ctx);
  ctx.stash.channel = (ctx.result as ChannelItem | null) ?? null;
  return ctx.stash.channel;
}
