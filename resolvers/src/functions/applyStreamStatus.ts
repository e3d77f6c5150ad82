/**
 * channels table: applies a status report to ctx.stash.channel unless a report from a later
 * source time was applied already (events can arrive out of order); then the channel is unchanged.
 * ctx.stash.statusApplied says which it was (recordLiveTime counts only applied changes).
 */
import { util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { conditionFailed, raiseDataSourceError } from '../lib/results';
import type { ReportStreamStatusStash } from '../lib/stash';
import type { MutationReportStreamStatusArgs } from '@golive/common/generated/schema-types';

/**
 * EventBridge times have whole seconds: IVS's "Stream Start" at 12:00:01 may follow transwrap's
 * CONNECTING at 12:00:01.300. So only a report older by a full second or more counts as stale.
 */
const EVENT_TIME_PRECISION_MS = 1000;

type Args = MutationReportStreamStatusArgs;

export function request(ctx: Context<Args, ReportStreamStatusStash>) {
  const { status, health, at } = ctx.args.input;
  const atMs = util.time.parseISO8601ToEpochMilliSeconds(at);
  const values: Record<string, unknown> = {
    ':status': status,
    ':health': health ?? null,
    ':at': util.time.epochMilliSecondsToISO8601(atMs),
    ':atMs': atMs,
    ':now': util.time.nowISO8601(),
    ...(status === 'OFFLINE' ? { ':noViewers': 0 } : {}),
  };
  let expression =
    'SET #status = :status, health = :health, statusAt = :at, statusAtMs = :atMs, updatedAt = :now';
  // A new broadcast starts the clock; a repeated LIVE (or OFFLINE) keeps the last broadcast's start.
  const wasLive = ctx.stash.channel.status === 'LIVE';
  if (status === 'LIVE' && !wasLive) expression = `${expression}, liveSince = :at`;
  // Off air, nobody is watching; the next broadcast starts from 0.
  if (status === 'OFFLINE') expression = `${expression}, viewerCount = :noViewers`;
  const condition = staleReportCondition(ctx.args.input, atMs);
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.channel.id }),
    update: {
      expression,
      expressionNames: { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues(values),
    },
    condition: {
      expression: `attribute_exists(id) AND ${condition.expression}`,
      expressionNames: condition.expression.includes('#status') ? { '#status': 'status' } : undefined,
      expressionValues: util.dynamodb.toMapValues(condition.values),
    },
  };
}

/** When a report is stale: the channel keeps what it has. */
function staleReportCondition(input: Args['input'], atMs: number) {
  const values: Record<string, unknown> = { ':staleBefore': atMs + EVENT_TIME_PRECISION_MS };
  const parts = ['statusAtMs < :staleBefore'];
  // IVS's "Stream End" while a new broadcast of the channel is connecting ends the stream before
  // it (held by a transwrap for a seller who went live again elsewhere): viewers are not told the
  // broadcast ended when it is about to come back. transwrap reports OFFLINE itself for a
  // broadcast that never reaches IVS.
  if (input.status === 'OFFLINE' && input.channelArn) {
    parts.push('#status <> :connecting');
    values[':connecting'] = 'CONNECTING';
  }
  // A stream stopped within a second of starting: its "Stream Start" (whole seconds) can arrive
  // after the OFFLINE that ended it. Only a strictly later LIVE brings an OFFLINE channel back
  // (a new broadcast goes through CONNECTING first, which is not OFFLINE).
  if (input.status === 'LIVE') {
    parts.push('(#status <> :offline OR statusAtMs < :reportedAtMs)');
    values[':offline'] = 'OFFLINE';
    values[':reportedAtMs'] = atMs;
  }
  return { expression: `(attribute_not_exists(statusAtMs) OR (${parts.join(' AND ')}))`, values };
}

export function response(ctx: Context<Args, ReportStreamStatusStash>) {
  if (conditionFailed(ctx)) return ctx.stash.channel;
  raiseDataSourceError(ctx);
  ctx.stash.statusApplied = true;
  return ctx.result as ChannelItem;
}
