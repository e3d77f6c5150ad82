/** Mutation.reportStreamStatus (IAM): pipeline getChannel (service) -> applyStreamStatus -> recordLiveTime. */
import { util, type Context } from '@aws-appsync/utils';
import type { ReportStreamStatusStash } from '../lib/stash';
import { channelIdOfArn, identifier, VALIDATION_ERROR } from '../lib/validate';
import type { MutationReportStreamStatusArgs } from '@golive/common/generated/schema-types';

type Args = MutationReportStreamStatusArgs;

function channelIdOf(input: Args['input']): string {
  if (input.channelId && !input.channelArn) return identifier('channelId', input.channelId);
  if (input.channelArn && !input.channelId) return channelIdOfArn('channelArn', input.channelArn);
  return util.error('Give exactly one of channelId and channelArn.', VALIDATION_ERROR);
}

export function request(ctx: Context<Args, ReportStreamStatusStash>) {
  ctx.stash.channelId = channelIdOf(ctx.args.input);
  ctx.stash.access = 'service';
  return {};
}

export { response } from '../lib/pipeline';
