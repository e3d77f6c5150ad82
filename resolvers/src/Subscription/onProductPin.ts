/** Subscription.onProductPin (NONE): a subscriber gets the pin changes of the one channel it named. */
import { extensions, util, type Context } from '@aws-appsync/utils';
import { identifier } from '../lib/validate';
import type { SubscriptionOnProductPinArgs } from '@golive/common/generated/schema-types';

export function request() {
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnProductPinArgs>) {
  const channelId = identifier('channelId', ctx.args.channelId);
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ channelId: { eq: channelId } }));
  return null;
}
