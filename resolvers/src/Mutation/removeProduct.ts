/** Mutation.removeProduct: pipeline getChannel (owner only) -> deleteProductItem. */
import type { Context } from '@aws-appsync/utils';
import type { ProductStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationRemoveProductArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationRemoveProductArgs, ProductStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.productId = identifier('id', ctx.args.id);
  ctx.stash.access = 'owner';
  return {};
}

export { response } from '../lib/pipeline';
