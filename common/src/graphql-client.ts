/**
 * The one way our code talks to the API, in the PWA, transwrap and tests alike: Apollo Client 4
 * with AppSync's auth link and real-time subscription link, configured from one object. The
 * same code works against AWS AppSync and the local stack. One exception, for the page's size:
 * the watch page's first read of a channel is a plain POST (app/src/routes/watch/public-channel.ts).
 *
 * The subscription link does not reconnect by itself: when its WebSocket drops, it fails every
 * subscription. A RetryLink in front of it (for subscriptions only: retrying a mutation could
 * repeat it) subscribes again with backoff, and the link opens a fresh connection.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { RetryLink } from '@apollo/client/link/retry';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { filter } from 'rxjs';
import { createAuthLink, type AuthOptions } from 'aws-appsync-auth-link';
import { createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';

export { AUTH_TYPE, type AuthOptions } from 'aws-appsync-auth-link';

export interface ApiClientConfig {
  /** The GraphQL endpoint, e.g. https://xyz.appsync-api.us-east-1.amazonaws.com/graphql. */
  url: string;
  region: string;
  auth: AuthOptions;
  /** Backoff for re-subscribing after a dropped connection. */
  resubscribe?: { initialDelayMs: number; maxDelayMs: number };
}

/**
 * Per-subscription context: `onSubscriptionReady` is called each time the server acknowledges the
 * subscription (start_ack), including after a reconnect. Apollo drops the link's data-less
 * "CONNECTED" control message, so this is how callers learn it; refetch state then, since events
 * sent while disconnected are not replayed.
 */
export interface SubscriptionContext {
  onSubscriptionReady?: () => void;
}

const readinessLink = new ApolloLink((operation, forward) => {
  // The subscription link emits control messages only when asked to, with this context key.
  operation.setContext({ controlMessages: { '@@controlEvents': true } });
  return forward(operation).pipe(
    filter((result) => {
      const control = (result.extensions as { controlMsgType?: string } | undefined)?.controlMsgType;
      if (control !== 'CONNECTED') return true;
      (operation.getContext() as SubscriptionContext).onSubscriptionReady?.();
      return false;
    }),
  );
});

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return (
    definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION
  );
};

/**
 * A dropped or timed-out connection is worth retrying; a refusal by the server (it names an
 * errorType, e.g. Unauthorized or a validation error) would only be refused again.
 */
export function isConnectionDrop(error: unknown): boolean {
  return !/errorType|Unauthori[sz]ed|Exception/.test(describeError(error));
}

/** Every message in an error, its cause and its `errors` (the link's errors carry non-enumerable messages). */
export function describeError(error: unknown, depth = 0): string {
  if (depth > 4 || error === null || typeof error !== 'object') return String(error);
  const { message, cause, errors } = error as { message?: unknown; cause?: unknown; errors?: unknown };
  const parts = [typeof message === 'string' ? message : '', JSON.stringify(error) ?? ''];
  if (cause !== undefined) parts.push(describeError(cause, depth + 1));
  if (Array.isArray(errors)) parts.push(...errors.map((inner) => describeError(inner, depth + 1)));
  return parts.join(' ');
}

/**
 * aws-appsync-auth-link never handles a token getter that rejects: the rejection goes unhandled
 * and the operation never settles. A user who signs out while a query is on its way is exactly
 * that, so a failing getter sends no token instead: the API refuses the operation as
 * Unauthorized, and whoever asked sees that error.
 */
function settledTokens(auth: AuthOptions): AuthOptions {
  if (!('jwtToken' in auth) || typeof auth.jwtToken !== 'function') return auth;
  const token = auth.jwtToken;
  return {
    ...auth,
    jwtToken: () =>
      Promise.resolve()
        .then(token)
        .catch(() => ''),
  };
}

export function createApiClient(config: ApiClientConfig): ApolloClient {
  const { url, region } = config;
  const auth = settledTokens(config.auth);
  const backoff = config.resubscribe ?? { initialDelayMs: 300, maxDelayMs: 10_000 };
  const http = new HttpLink({ uri: url });
  const realtime = ApolloLink.from([
    new RetryLink({
      delay: { initial: backoff.initialDelayMs, max: backoff.maxDelayMs, jitter: true },
      attempts: { max: Infinity, retryIf: (error: unknown) => isConnectionDrop(error) },
    }),
    readinessLink,
    createSubscriptionHandshakeLink({ url, region, auth }, http),
  ]);
  return new ApolloClient({
    link: ApolloLink.from([
      createAuthLink({ url, region, auth }),
      ApolloLink.split(isSubscription, realtime, http),
    ]),
    cache: new InMemoryCache(),
    // The IAM signer signs {operationName, variables, query}; Apollo's client-library extension in
    // the body would make the sent body differ from the signed one (403 from AppSync).
    enhancedClientAwareness: { transport: false },
  });
}
