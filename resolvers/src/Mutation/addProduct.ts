/** Mutation.addProduct: pipeline getChannel (owner only) -> checkProductQuota -> putProduct. */
import { util, type Context } from '@aws-appsync/utils';
import { productFields } from '../lib/product';
import type { ProductStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationAddProductArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationAddProductArgs, ProductStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.access = 'owner';
  ctx.stash.product = productFields(ctx.args.input);
  ctx.stash.productId = util.autoId();
  return {};
}

export { response } from '../lib/pipeline';
