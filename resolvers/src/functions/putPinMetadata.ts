/**
 * IvsControl (Lambda): puts the pin change into the channel's live stream as timed metadata, so
 * viewers see it at this moment of the video. A channel not on air has no stream: the pin is only
 * saved, and viewers read it when they come.
 */
import { util, type Context } from '@aws-appsync/utils';
import { pinCueText } from '@golive/common/stream-cues';
import { invoke, ivsResult } from '../lib/ivs-control';
import type { PinStash } from '../lib/stash';

export function request(ctx: Context<unknown, PinStash>) {
  const at = util.time.epochMilliSecondsToISO8601(ctx.stash.pinAtMs);
  return invoke({
    action: 'putMetadata',
    arn: ctx.stash.channel.ivsArn,
    metadata: pinCueText(ctx.stash.productId, at),
  });
}

export function response(ctx: Context<unknown, PinStash>) {
  return ivsResult<unknown>(ctx);
}
