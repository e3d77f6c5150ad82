/**
 * The GraphQL API for the routes that use it (never the sign-in pages: Apollo stays out of their
 * JavaScript). Signed-in users call it with their Cognito ID token, everyone else with the public
 * API key; signing in or out makes a new client so no cached data crosses users.
 */
import { ApolloProvider } from '@apollo/client/react';
import { useMemo, type ReactNode } from 'react';
import { AUTH_TYPE, createApiClient } from '@golive/common/graphql-client';
import { useAuth } from '../auth/auth-context';
import '../platform/node-buffer';
import { useAppConfig } from '../config/config-context';

export default function ApiProvider({ children }: { children: ReactNode }) {
  const config = useAppConfig();
  const { user, session } = useAuth();
  const client = useMemo(
    () =>
      createApiClient({
        url: config.graphqlUrl,
        region: config.region,
        auth: user
          ? { type: AUTH_TYPE.AMAZON_COGNITO_USER_POOLS, jwtToken: () => session.idToken() }
          : { type: AUTH_TYPE.API_KEY, apiKey: config.apiKey },
      }),
    // A new client per user id: tokens refreshing for the same user keep the client.
    [config, user?.id, session],
  );
  return <ApolloProvider client={client}>{children}</ApolloProvider>;
}
