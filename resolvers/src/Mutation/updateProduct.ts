/** Mutation.updateProduct: pipeline getChannel (owner only) -> updateProductItem. */
import type { Context } from '@aws-appsync/utils';
import { productFields } from '../lib/product';
import type { ProductStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationUpdateProductArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationUpdateProductArgs, ProductStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.productId = identifier('id', ctx.args.id);
  ctx.stash.access = 'owner';
  ctx.stash.product = productFields(ctx.args.input);
  return {};
}

export { response } from '../lib/pipeline';
