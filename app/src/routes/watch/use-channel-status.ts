/**
 * One channel's public view, kept current: read at once without the GraphQL client
 * (public-channel.ts), then kept up to date by onChannelStatus (channel-updates.tsx, loaded after
 * the first read). Events sent while the subscription was down are not replayed, so every
 * (re)subscription reads the channel again; whichever copy changed last (updatedAt) wins, so a
 * slow read cannot undo a newer event, and a failed re-read (a network blip) never takes the
 * picture away.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAppConfig } from '../../config/config-context';
import { readPublicChannel, type PublicChannel } from './public-channel';

export type { PublicChannel };

export type ChannelStatus =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed'; message: string; retry: () => void }
  | { state: 'found'; channel: PublicChannel };

/** What the live updates hand back: a pushed channel, and "subscribed (again): read it again". */
export interface ChannelFeed {
  onChannel: (channel: PublicChannel) => void;
  onSubscriptionReady: () => void;
}

type Read =
  { state: 'loading' } | { state: 'missing' } | { state: 'failed'; message: string } | { state: 'done' };

const newer = (a: PublicChannel, b: PublicChannel) =>
  Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a;

/** For one channel id: give the component that uses it a `key` of the id, so nothing carries over. */
export function useChannelStatus(channelId: string): { status: ChannelStatus; feed: ChannelFeed } {
  const config = useAppConfig();
  const [channel, setChannel] = useState<PublicChannel>();
  const [read, setRead] = useState<Read>({ state: 'loading' });
  // Each increment reads the channel again.
  const [reads, setReads] = useState(0);

  const offer = useCallback(
    (next: PublicChannel) => {
      if (next.id === channelId) setChannel((known) => (known ? newer(known, next) : next));
    },
    [channelId],
  );

  useEffect(() => {
    const abort = new AbortController();
    readPublicChannel(config, channelId, abort.signal).then(
      (found) => {
        if (found) offer(found);
        setRead(found ? { state: 'done' } : { state: 'missing' });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setRead({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => abort.abort();
  }, [config, channelId, offer, reads]);

  const feed = useMemo<ChannelFeed>(
    () => ({ onChannel: offer, onSubscriptionReady: () => setReads((count) => count + 1) }),
    [offer],
  );
  const retry = useCallback(() => {
    setRead({ state: 'loading' });
    setReads((count) => count + 1);
  }, []);

  if (channel) return { status: { state: 'found', channel }, feed };
  if (read.state === 'missing') return { status: { state: 'missing' }, feed };
  if (read.state === 'failed') return { status: { state: 'failed', message: read.message, retry }, feed };
  return { status: { state: 'loading' }, feed };
}
