/** The ProductPin that pinProduct and unpinProduct return (and onProductPin carries). */
import { util, type Context } from '@aws-appsync/utils';
import type { PinStash } from './stash';

export function response(ctx: Context<unknown, PinStash>) {
  return {
    channelId: ctx.stash.channel.id,
    product: ctx.stash.product,
    at: util.time.epochMilliSecondsToISO8601(ctx.stash.pinAtMs),
  };
}
