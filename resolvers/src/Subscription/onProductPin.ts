/** Subscription.onProductPin (NONE): the events of the one channel the subscriber named. */
export { request, response } from '../lib/channel-events';
