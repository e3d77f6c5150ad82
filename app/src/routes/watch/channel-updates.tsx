/**
 * The watch page's live updates over the GraphQL client, in a chunk of its own that the page loads
 * once it has painted the channel (the client is most of the page's JavaScript): onChannelStatus,
 * handing every pushed channel and every (re)subscription back; the pinned-product card and the
 * chat, each rendered into the page's slot for it (one client for all).
 */
import { useSubscription } from '@apollo/client/react';
import { useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import * as op from '@golive/common/api-operations';
import type { SubscriptionContext } from '@golive/common/graphql-client';
import ApiProvider from '../../api/api-provider';
import type { PlaybackSignals } from './playback-signals';
import { ChatPanel } from '../../chat/chat-panel';
import { ProductPins } from './product-pins';
import type { ChannelFeed } from './use-channel-status';

export default function ChannelUpdates(props: {
  channelId: string;
  feed: ChannelFeed;
  /** Where the pinned product goes, once the page has it; and what the player says. */
  pinSlot: HTMLElement | null;
  signals: PlaybackSignals;
  /** Where the chat goes, once the page has it, and whether it takes messages. */
  chat: { slot: HTMLElement; enabled: boolean } | undefined;
}) {
  const { channelId, feed, pinSlot, signals, chat } = props;
  return (
    <ApiProvider>
      <Subscription channelId={channelId} feed={feed} />
      {pinSlot && createPortal(<ProductPins channelId={channelId} signals={signals} />, pinSlot)}
      {chat && createPortal(<ChatPanel channelId={channelId} enabled={chat.enabled} />, chat.slot)}
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
