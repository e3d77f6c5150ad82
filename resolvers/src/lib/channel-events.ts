/**
 * Subscriptions (NONE) to one channel's events, given as `channelId`: onProductPin, onChatMessage,
 * onChatMute. A subscriber gets the triggering mutations' results whose channelId is the one it named.
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import { identifier } from './validate';

export function request() {
  return { payload: null };
}

export function response(ctx: Context<{ channelId: string }>) {
  const channelId = identifier('channelId', ctx.args.channelId);
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ channelId: { eq: channelId } }));
  return null;
}
