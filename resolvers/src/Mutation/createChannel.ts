/** Mutation.createChannel: pipeline getSeller (the caller) -> checkChannelQuota -> createIvsChannel -> putChannel. */
import type { Context } from '@aws-appsync/utils';
import { signedInUser } from '../lib/identity';
import type { CreateChannelStash } from '../lib/stash';
import { channelName } from '../lib/validate';
import type { MutationCreateChannelArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationCreateChannelArgs, CreateChannelStash>) {
  ctx.stash.name = channelName(ctx.args.name);
  ctx.stash.sellerId = signedInUser(ctx).sub;
  return {};
}

export { response } from '../lib/pipeline';
