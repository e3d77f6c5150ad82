/** Mutation.unpinProduct: pipeline getChannel (owner only) -> putPinMetadata -> savePin. */
import { util, type Context } from '@aws-appsync/utils';
import type { PinStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationUnpinProductArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationUnpinProductArgs, PinStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.productId = null;
  ctx.stash.product = null;
  ctx.stash.access = 'owner';
  ctx.stash.pinAtMs = util.time.nowEpochMilliSeconds();
  return {};
}

export { response } from '../lib/pin';
