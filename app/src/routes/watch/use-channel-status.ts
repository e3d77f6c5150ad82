/**
 * One channel's public view, kept current: read once, then onChannelStatus pushes each change.
 * Events sent while the subscription was down are not replayed, so every (re)subscription reads
 * the channel again; whichever copy changed last (updatedAt) wins, so a slow read cannot undo a
 * newer event.
 */
import { CombinedGraphQLErrors } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useMemo, useRef } from 'react';
import * as op from '@golive/common/api-operations';
import type { SubscriptionContext } from '@golive/common/graphql-client';

export type PublicChannel = NonNullable<op.ChannelQuery['channel']>;

export type ChannelStatus =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed'; message: string; retry: () => void }
  | { state: 'found'; channel: PublicChannel };

const newer = (a: PublicChannel, b: PublicChannel) =>
  Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a;

/** An id that cannot exist is refused by the API as invalid: to a viewer that is "no such channel". */
const isInvalidId = (error: unknown) =>
  CombinedGraphQLErrors.is(error) &&
  error.errors.some((entry) => (entry as { errorType?: string }).errorType === 'ValidationError');

export function useChannelStatus(channelId: string): ChannelStatus {
  const { data, error, refetch } = useQuery(op.CHANNEL, {
    variables: { id: channelId },
    fetchPolicy: 'cache-and-network',
  });
  const latestRefetch = useRef(refetch);
  latestRefetch.current = refetch;
  // The link reads the context once, when it subscribes: it must reach the current refetch.
  const context = useMemo<SubscriptionContext>(
    () => ({ onSubscriptionReady: () => void latestRefetch.current().catch(() => undefined) }),
    [],
  );
  const { data: event } = useSubscription(op.ON_CHANNEL_STATUS, {
    variables: { id: channelId },
    context,
    skip: isInvalidId(error),
  });

  // A failed re-read (a network blip) must not take the picture away: keep the last known view.
  const lastKnown = useRef<PublicChannel>(undefined);
  const read = data?.channel ?? undefined;
  const pushed = event?.onChannelStatus?.id === channelId ? event.onChannelStatus : undefined;
  const known = [read, pushed, lastKnown.current].filter(
    (channel): channel is PublicChannel => channel?.id === channelId,
  );
  if (known.length > 0) {
    lastKnown.current = known.reduce(newer);
    return { state: 'found', channel: lastKnown.current };
  }
  if (data && data.channel === null) return { state: 'missing' };
  if (error && isInvalidId(error)) return { state: 'missing' };
  if (error) return { state: 'failed', message: error.message, retry: () => void refetch() };
  return { state: 'loading' };
}
