/**
 * Mutation.startBroadcast: pipeline getChannel (owner only) -> getSeller -> checkBroadcastQuotas
 * -> pickEndpoint -> putTicket.
 */
import type { Context } from '@aws-appsync/utils';
import type { StartBroadcastStash } from '../lib/stash';
import { identifier } from '../lib/validate';
import type { MutationStartBroadcastArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationStartBroadcastArgs, StartBroadcastStash>) {
  ctx.stash.channelId = identifier('channelId', ctx.args.channelId);
  ctx.stash.access = 'owner';
  return {};
}

export { response } from '../lib/pipeline';
