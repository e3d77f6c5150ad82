/**
 * chatMembers table (byMute index): the users muted in ctx.stash.channelId's chat now. A channel
 * that is gone has no chat to show: its messages only wait for their TTL.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { ChatMemberItem } from '../lib/chat';
import { raiseDataSourceError } from '../lib/results';
import type { FoundMutesStash } from '../lib/stash';

/** A channel with more live mutes than this shows the messages of the ones ending first. */
const MUTES_READ_MAX = 100;

export function request(ctx: Context<unknown, FoundMutesStash>) {
  if (ctx.stash.channel === null) runtime.earlyReturn([]);
  return query({
    index: 'byMute',
    query: { mutedChannelId: { eq: ctx.stash.channelId }, mutedUntil: { gt: util.time.nowISO8601() } },
    limit: MUTES_READ_MAX,
    scanIndexForward: false,
  });
}

export function response(ctx: Context<unknown, FoundMutesStash>) {
  raiseDataSourceError(ctx);
  const { items } = ctx.result as { items: ChatMemberItem[] };
  ctx.stash.mutes = items;
  return null;
}
