/**
 * channels table: applies a status report to ctx.stash.channel unless a report from a later
 * source time was applied already (events can arrive out of order); then the channel is unchanged.
 * ctx.stash.statusApplied says which it was (recordLiveTime counts only applied changes).
 */
import { util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
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
  };
  let expression =
    'SET #status = :status, health = :health, statusAt = :at, statusAtMs = :atMs, updatedAt = :now';
  // A new broadcast starts the clock; a repeated LIVE (or OFFLINE) keeps the last broadcast's start.
  const wasLive = ctx.stash.channel.status === 'LIVE';
  // IVS's "Stream End" while a new broadcast of the channel is connecting ends the stream before
  // it (held by a transwrap for a seller who went live again elsewhere): viewers are not told the
  // broadcast ended when it is about to come back. transwrap reports OFFLINE itself for a
  // broadcast that never reaches IVS.
  const endOfEarlierStream = status === 'OFFLINE' && Boolean(ctx.args.input.channelArn);
  if (status === 'LIVE' && !wasLive) expression = `${expression}, liveSince = :at`;
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.channel.id }),
    update: {
      expression,
      expressionNames: { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues(values),
    },
    condition: {
      expression: `attribute_exists(id) AND (attribute_not_exists(statusAtMs) OR statusAtMs < :staleBefore)${
        endOfEarlierStream ? ' AND #status <> :connecting' : ''
      }`,
      expressionNames: endOfEarlierStream ? { '#status': 'status' } : undefined,
      expressionValues: util.dynamodb.toMapValues({
        ':staleBefore': atMs + EVENT_TIME_PRECISION_MS,
        ...(endOfEarlierStream ? { ':connecting': 'CONNECTING' } : {}),
      }),
    },
  };
}

export function response(ctx: Context<Args, ReportStreamStatusStash>) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') return ctx.stash.channel;
    util.error(ctx.error.message, ctx.error.type);
  }
  ctx.stash.statusApplied = true;
  return ctx.result as ChannelItem;
}
