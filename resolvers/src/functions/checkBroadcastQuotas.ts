/**
 * channels table: whether ctx.stash.seller may put ctx.stash.channel on air now. Refuses a
 * suspended seller, a seller who has used the month's live hours, and one with as many other
 * channels on air as the deployment allows (lib/quotas.ts). startBroadcast runs it before issuing
 * a ticket and claimIngest again before handing out the stream key, so a ticket taken while
 * another broadcast was starting, or before a suspension, is refused too.
 */
import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { counted, quotasOf, refuseOverQuota } from '../lib/quotas';
import { raiseDataSourceError } from '../lib/results';
import { liveSecondsIn, nextMonthStart, refuseIfSuspended, thisMonth } from '../lib/seller';
import type { BroadcastQuotasStash } from '../lib/stash';

/**
 * CONNECTING and INTERRUPTED are transwrap's word, and a transwrap task that dies cannot take it
 * back: past this long without a newer report, such a channel is not counted as on air (a relay
 * reaches IVS in seconds, and transwrap gives up a suspended session after 15 s).
 */
const UNCONFIRMED_ON_AIR_MS = 5 * 60 * 1000;

export function request(ctx: Context<unknown, BroadcastQuotasStash>) {
  const { seller, channel } = ctx.stash;
  refuseIfSuspended(seller);
  const { liveHoursPerMonth } = quotasOf(ctx);
  const month = thisMonth();
  const used = liveSecondsIn(seller, month);
  if (used >= liveHoursPerMonth * 3600) {
    const resetsAt = nextMonthStart(month);
    refuseOverQuota(
      `A seller may be live ${counted(liveHoursPerMonth, 'hour')} per calendar month (UTC), and you have been live ${counted(Math.floor(used / 3600), 'hour')} this month. The allowance resets at ${resetsAt}.`,
      'liveHoursPerMonth',
      liveHoursPerMonth,
      resetsAt,
    );
  }
  return query<ChannelItem>({
    index: 'byOwner',
    query: { owner: { eq: channel.owner } },
    filter: { status: { ne: 'OFFLINE' }, id: { ne: channel.id } },
  });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const { liveBroadcastsPerSeller } = quotasOf(ctx);
  const unconfirmedSince = util.time.nowEpochMilliSeconds() - UNCONFIRMED_ON_AIR_MS;
  let onAir = 0;
  for (const other of (ctx.result as { items: ChannelItem[] }).items) {
    const confirmed = other.status === 'LIVE';
    const recent = util.time.parseISO8601ToEpochMilliSeconds(other.statusAt) >= unconfirmedSince;
    if (confirmed || recent) onAir += 1;
  }
  if (onAir >= liveBroadcastsPerSeller) {
    refuseOverQuota(
      `A seller may have ${counted(liveBroadcastsPerSeller, 'broadcast')} on air at once, and you have ${onAir}. End one to start another.`,
      'liveBroadcastsPerSeller',
      liveBroadcastsPerSeller,
    );
  }
  return {};
}
