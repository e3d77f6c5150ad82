/**
 * Keeps one channel's row current while it is on air: onChannelStatus events land in Apollo's
 * cache (the row reads the same normalized Channel), so "Stop" is followed by "Offline" within a
 * moment instead of at the next poll. Events sent while the subscription was down are not
 * replayed, so every (re)subscription reads the channel again.
 */
import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useMemo } from 'react';
import * as op from '@golive/common/api-operations';
import type { SubscriptionContext } from '@golive/common/graphql-client';

export function ChannelStatusFeed({ channelId }: { channelId: string }) {
  const client = useApolloClient();
  // The link reads the context once, when it subscribes.
  const context = useMemo<SubscriptionContext>(
    () => ({
      onSubscriptionReady: () =>
        void client
          .query({ query: op.CHANNEL, variables: { id: channelId }, fetchPolicy: 'network-only' })
          .catch(() => undefined), // the page's poll catches up
    }),
    [client, channelId],
  );
  useSubscription(op.ON_CHANNEL_STATUS, { variables: { id: channelId }, context });
  return null;
}
