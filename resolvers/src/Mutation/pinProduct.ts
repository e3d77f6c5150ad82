/** Mutation.pinProduct: pipeline getChannel (owner only) -> getProduct -> putPinMetadata -> savePin. */
import { util, type Context } from '@aws-appsync/utils';
import type { PinStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationPinProductArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationPinProductArgs, PinStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.productId = identifier('productId', ctx.args.productId);
  ctx.stash.access = 'owner';
  // The pin's moment: the same time goes into the stream and onto the channel.
  ctx.stash.pinAtMs = util.time.nowEpochMilliSeconds();
  return {};
}

export { response } from '../lib/pin';
