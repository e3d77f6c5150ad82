/** Mutation.reportStreamStatus (IAM): pipeline getChannel (service) -> applyStreamStatus -> recordLiveTime. */
import { util, type Context } from '@aws-appsync/utils';
import type { ReportStreamStatusStash } from '../lib/stash';
import { identifier, VALIDATION_ERROR } from '../lib/validate';
import type { MutationReportStreamStatusArgs } from '@golive/common/generated/schema-types';

type Args = MutationReportStreamStatusArgs;

/** IVS events name the channel by ARN (arn:aws:ivs:<region>:<account>:channel/<id>); the id is its last part. */
function channelIdOf(input: Args['input']): string {
  if (input.channelId && !input.channelArn) return identifier('channelId', input.channelId);
  if (input.channelArn && !input.channelId) {
    const arn = input.channelArn;
    if (arn.length > 200 || !util.matches('^arn:aws:ivs:[a-z0-9-]+:[0-9]{12}:channel/[A-Za-z0-9]+$', arn)) {
      util.error('channelArn is not an IVS channel ARN.', VALIDATION_ERROR);
    }
    return arn.split('/')[1] ?? '';
  }
  return util.error('Give exactly one of channelId and channelArn.', VALIDATION_ERROR);
}

export function request(ctx: Context<Args, ReportStreamStatusStash>) {
  ctx.stash.channelId = channelIdOf(ctx.args.input);
  ctx.stash.access = 'service';
  return {};
}

export { response } from '../lib/pipeline';
