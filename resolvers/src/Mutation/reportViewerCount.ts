/**
 * Mutation.reportViewerCount (channels table, IAM): the viewer-count poller's figure for a channel
 * on air. A channel that is off air (its stream ended between the poll and this call) or not this
 * API's is NotFound, and keeps the 0 its OFFLINE set.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { NOT_FOUND, refuseFailedCondition } from '../lib/results';
import { channelIdOfArn, range } from '../lib/validate';
import type { MutationReportViewerCountArgs } from '@golive/common/generated/schema-types';

/** More than IVS's largest channels draw: anything above is a bad figure, not an audience. */
const VIEWER_COUNT_MAX = 10_000_000;

export function request(ctx: Context<MutationReportViewerCountArgs>) {
  const id = channelIdOfArn('channelArn', ctx.args.channelArn);
  const viewerCount = range('viewerCount', ctx.args.viewerCount, 0, VIEWER_COUNT_MAX);
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id }),
    update: {
      expression: 'SET viewerCount = :count, updatedAt = :now',
      expressionValues: util.dynamodb.toMapValues({ ':count': viewerCount, ':now': util.time.nowISO8601() }),
    },
    condition: {
      expression: 'attribute_exists(id) AND #status IN (:live, :interrupted)',
      expressionNames: { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues({ ':live': 'LIVE', ':interrupted': 'INTERRUPTED' }),
    },
  };
}

export function response(ctx: Context<MutationReportViewerCountArgs>) {
  refuseFailedCondition(ctx, 'No channel of this API is on air with that ARN.', NOT_FOUND);
  return ctx.result as ChannelItem;
}
