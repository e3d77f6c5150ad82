/**
 * The one way our code talks to the API, in the PWA, transwrap and tests alike: Apollo Client 4
 * with AppSync's auth link and real-time subscription link, configured from one object. The
 * same code works against AWS AppSync and the local stack.
 *
 * The subscription link does not reconnect by itself: when its WebSocket drops, it fails every
 * subscription. A RetryLink in front of it (for subscriptions only: retrying a mutation could
 * repeat it) subscribes again with backoff, and the link opens a fresh connection.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { RetryLink } from '@apollo/client/link/retry';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
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
  const text = JSON.stringify(error) ?? String(error);
  return !/errorType|Unauthori[sz]ed|Exception/.test(text);
}

export function createApiClient(config: ApiClientConfig): ApolloClient {
  const { url, region, auth } = config;
  const backoff = config.resubscribe ?? { initialDelayMs: 300, maxDelayMs: 10_000 };
  const http = new HttpLink({ uri: url });
  const realtime = ApolloLink.from([
    new RetryLink({
      delay: { initial: backoff.initialDelayMs, max: backoff.maxDelayMs, jitter: true },
      attempts: { max: Infinity, retryIf: (error: unknown) => isConnectionDrop(error) },
    }),
    createSubscriptionHandshakeLink({ url, region, auth }, http),
  ]);
  return new ApolloClient({
    link: ApolloLink.from([
      createAuthLink({ url, region, auth }),
      ApolloLink.split(isSubscription, realtime, http),
    ]),
    cache: new InMemoryCache(),
  });
}
