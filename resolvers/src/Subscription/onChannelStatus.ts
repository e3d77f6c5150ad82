/** Subscription.onChannelStatus (NONE): a subscriber gets reports for the one channel it named. */
import { extensions, util, type Context } from '@aws-appsync/utils';
import { identifier } from '../lib/validate';
import type { SubscriptionOnChannelStatusArgs } from '@golive/common/generated/schema-types';

export function request() {
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnChannelStatusArgs>) {
  const id = identifier('id', ctx.args.id);
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ id: { eq: id } }));
  return null;
}
