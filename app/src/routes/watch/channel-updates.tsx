/**
 * The watch page's live updates: onChannelStatus over the GraphQL client, in a chunk of its own
 * that the page loads once it has painted the channel (the client is most of the page's
 * JavaScript). Renders nothing; hands every pushed channel, and every (re)subscription, back.
 */
import { useSubscription } from '@apollo/client/react';
import { useMemo, useRef } from 'react';
import * as op from '@golive/common/api-operations';
import type { SubscriptionContext } from '@golive/common/graphql-client';
import ApiProvider from '../../api/api-provider';
import type { ChannelFeed } from './use-channel-status';

export default function ChannelUpdates(props: { channelId: string; feed: ChannelFeed }) {
  return (
    <ApiProvider>
      <Subscription {...props} />
    </ApiProvider>
  );
}

function Subscription({ channelId, feed }: { channelId: string; feed: ChannelFeed }) {
  const latestFeed = useRef(feed);
  latestFeed.current = feed;
  // The link reads the context once, when it subscribes: it must reach the current feed.
  const context = useMemo<SubscriptionContext>(
    () => ({ onSubscriptionReady: () => latestFeed.current.onSubscriptionReady() }),
    [],
  );
  useSubscription(op.ON_CHANNEL_STATUS, {
    variables: { id: channelId },
    context,
    onData: ({ data }) => {
      const pushed = data.data?.onChannelStatus;
      if (pushed) latestFeed.current.onChannel(pushed);
    },
  });
  return null;
}
