/**
 * Query.broadcastTakenOver (IAM): pipeline findChannel. Has a ticket of this channel issued after
 * `since` been claimed: has its seller gone live again (maybe on another transwrap) since the
 * broadcast claimed at `since` began? A transwrap holding that broadcast for a seller who is away
 * then lets the stream go, for the new one to take it.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { BroadcastTakenOverStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { QueryBroadcastTakenOverArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryBroadcastTakenOverArgs, BroadcastTakenOverStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.since = util.time.parseISO8601ToEpochMilliSeconds(ctx.args.since);
  return {};
}

export function response(ctx: Context<QueryBroadcastTakenOverArgs, BroadcastTakenOverStash>) {
  const { channel, since } = ctx.stash;
  return (channel?.claimedTicketIssuedAtMs ?? 0) > since;
}
