/**
 * The transwrap endpoints, kept current: the ACTIVE ones read once (the registry also holds
 * stopped ones for a day, which a page of the whole table could show instead), then every
 * onEndpointChanged event (register, heartbeat, status change) replaces the endpoint with its id,
 * or adds a new one. Events sent while the subscription was down are not replayed, so each
 * (re)subscription reads the list again.
 */
import { useQuery, useSubscription } from '@apollo/client/react';
import { useMemo, useRef } from 'react';
import * as op from '@golive/common/api-operations';
import type { SubscriptionContext } from '@golive/common/graphql-client';
import { replaceById } from './format';

export type AdminEndpoint = op.EndpointsQuery['endpoints']['items'][number];

/** The most the API gives in one page; a deployment runs at most a handful of tasks. */
const LISTED = { status: 'ACTIVE', limit: 100 } as const;

export function useEndpoints() {
  const { data, previousData, error, refetch } = useQuery(op.ENDPOINTS, {
    variables: LISTED,
    fetchPolicy: 'cache-and-network',
  });
  const latestRefetch = useRef(refetch);
  latestRefetch.current = refetch;
  // The link reads the context once, when it subscribes: it must reach the current refetch.
  const context = useMemo<SubscriptionContext>(
    () => ({ onSubscriptionReady: () => void latestRefetch.current().catch(() => undefined) }),
    [],
  );
  useSubscription(op.ON_ENDPOINT_CHANGED, {
    context,
    onData: ({ client, data: event }) => {
      const changed = event.data?.onEndpointChanged;
      if (!changed) return;
      client.cache.updateQuery({ query: op.ENDPOINTS, variables: LISTED }, (current) =>
        current
          ? { endpoints: { ...current.endpoints, items: replaceById(current.endpoints.items, changed) } }
          : current,
      );
    },
  });
  const endpoints = (data ?? previousData)?.endpoints.items;
  return {
    endpoints: useMemo(
      () => endpoints && [...endpoints].sort((a, b) => a.id.localeCompare(b.id)),
      [endpoints],
    ),
    error,
    retry: () => void refetch(),
  };
}
