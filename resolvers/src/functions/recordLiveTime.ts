/**
 * sellers table: when a status report took ctx.stash.channel out of LIVE (to OFFLINE, or to
 * INTERRUPTED: a resume that goes LIVE again starts a new stretch), adds the stretch since
 * `liveSince` to its owner's live seconds for the month the report's time falls in. This is the
 * usage the live-hours quota counts. A report that was not applied (older than the last one)
 * counts nothing, so a repeated or late event is not counted twice. If the count cannot be
 * written, the status change stands and the error is reported beside it.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { liveSecondsAttribute, monthOf } from '../lib/seller';
import type { ReportStreamStatusStash } from '../lib/stash';
import type { MutationReportStreamStatusArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationReportStreamStatusArgs, ReportStreamStatusStash>) {
  const before = ctx.stash.channel;
  const after = (ctx.prev as { result: ChannelItem }).result;
  const leftLive = ctx.stash.statusApplied === true && before.status === 'LIVE' && after.status !== 'LIVE';
  if (!leftLive || !before.liveSince) runtime.earlyReturn(after, { skipTo: 'NEXT' });
  const endedAtMs = util.time.parseISO8601ToEpochMilliSeconds(ctx.args.input.at);
  const seconds = Math.round(
    (endedAtMs - util.time.parseISO8601ToEpochMilliSeconds(before.liveSince)) / 1000,
  );
  const month = monthOf(util.time.epochMilliSecondsToISO8601(endedAtMs));
  // Spelled out rather than built by update(): the attribute's name has ':' and '-', which must
  // reach DynamoDB only through an expression attribute name.
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: before.owner }),
    update: {
      expression: 'ADD #month :seconds',
      expressionNames: { '#month': liveSecondsAttribute(month) },
      expressionValues: util.dynamodb.toMapValues({ ':seconds': Math.max(0, seconds) }),
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.appendError(ctx.error.message, ctx.error.type);
  return (ctx.prev as { result: ChannelItem }).result;
}
