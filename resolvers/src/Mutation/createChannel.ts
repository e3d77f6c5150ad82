/** Mutation.createChannel: pipeline checkChannelQuota -> createIvsChannel -> putChannel. */
import type { Context } from '@aws-appsync/utils';
import { channelName } from '../lib/validate';
import type { MutationCreateChannelArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationCreateChannelArgs>) {
  ctx.stash.name = channelName(ctx.args.name);
  return {};
}

export { response } from '../lib/pipeline';
