/** Subscription.onChannelStatus (NONE): a subscriber gets reports for the one channel it named. */
import { extensions, util, type Context } from '@aws-appsync/utils';
import { identifier } from '../lib/validate';

export function request() {
  return { payload: null };
}

export function response(ctx: Context<{ id: string }>) {
  const id = identifier('id', ctx.args.id);
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ id: { eq: id } }));
  return null;
}
