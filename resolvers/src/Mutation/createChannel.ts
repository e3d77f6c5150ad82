/** Mutation.createChannel: pipeline checkChannelQuota -> createIvsChannel -> putChannel. */
import type { Context } from '@aws-appsync/utils';
import { channelName } from '../lib/validate';

export function request(ctx: Context<{ name: string }>) {
  ctx.stash.name = channelName(ctx.args.name);
  return {};
}

export { response } from '../lib/pipeline';
