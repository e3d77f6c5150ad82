/** Subscription.onEndpointChanged (NONE): every endpoint change; the schema admits sellers and admins. */
export function request() {
  return { payload: null };
}

export function response() {
  return null;
}
