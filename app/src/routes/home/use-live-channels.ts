/**
 * Who is live, kept fresh while someone looks: read every REFRESH_MS while the page is visible,
 * and at once when it becomes visible or focused again. "Show more" pages on with nextToken; a
 * refresh re-reads as many pages as the viewer has opened, so the list never shrinks under them.
 */
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import * as op from '@golive/common/api-operations';

export type LiveChannel = op.LiveChannelsQuery['liveChannels']['items'][number];

export const PAGE_SIZE = 20;
export const REFRESH_MS = 15_000;
/** Focus and visibility often arrive together: one read does for both. */
const MIN_REFRESH_GAP_MS = 2000;

export interface LiveChannels {
  channels: LiveChannel[];
  /** Set once the first read answered. */
  loaded: boolean;
  /** The last read failed (the list shown, if any, is the one before). */
  error?: string;
  /** When the list was read: "Live for ..." counts from here. */
  readAt: number;
  hasMore: boolean;
  loadingMore: boolean;
  showMore: () => void;
}

interface ListState {
  channels: LiveChannel[];
  nextToken: string | null;
  loaded: boolean;
  error?: string;
  readAt: number;
}

export function useLiveChannels(): LiveChannels {
  const client = useApolloClient();
  const [list, setList] = useState<ListState>({ channels: [], nextToken: null, loaded: false, readAt: 0 });
  const [loadingMore, setLoadingMore] = useState(false);
  const pagesOpened = useRef(1);
  // Only the latest read may set the list: an older one finishing late would undo it.
  const generation = useRef(0);
  const lastRefresh = useRef(0);

  const readPage = useCallback(
    async (nextToken: string | null) => {
      const { data } = await client.query({
        query: op.LIVE_CHANNELS,
        variables: { limit: PAGE_SIZE, nextToken },
        fetchPolicy: 'network-only',
      });
      if (!data) throw new Error('no answer');
      return data.liveChannels;
    },
    [client],
  );

  const refresh = useCallback(async () => {
    lastRefresh.current = Date.now();
    const mine = ++generation.current;
    try {
      const channels: LiveChannel[] = [];
      let nextToken: string | null = null;
      for (let page = 0; page < pagesOpened.current; page++) {
        const result = await readPage(nextToken);
        channels.push(...result.items);
        nextToken = result.nextToken;
        if (!nextToken) break;
      }
      if (mine === generation.current)
        setList({ channels: unique(channels), nextToken, loaded: true, readAt: Date.now() });
    } catch (error) {
      if (mine === generation.current)
        setList((previous) => ({ ...previous, loaded: true, error: (error as Error).message }));
    }
  }, [readPage]);

  const showMore = useCallback(() => {
    if (!list.nextToken) return;
    const mine = ++generation.current;
    // Counted now, so a refresh that overtakes this read brings the page too.
    pagesOpened.current += 1;
    setLoadingMore(true);
    readPage(list.nextToken)
      .then((result) => {
        if (mine !== generation.current) return;
        setList((previous) => ({
          ...previous,
          channels: unique([...previous.channels, ...result.items]),
          nextToken: result.nextToken,
          error: undefined,
        }));
      })
      .catch((error: unknown) => {
        pagesOpened.current -= 1;
        if (mine === generation.current)
          setList((previous) => ({ ...previous, error: (error as Error).message }));
      })
      .finally(() => setLoadingMore(false));
  }, [list.nextToken, readPage]);

  useEffect(() => {
    void refresh();
    const whenVisible = () => {
      if (document.visibilityState !== 'visible') return;
      if (Date.now() - lastRefresh.current < MIN_REFRESH_GAP_MS) return;
      void refresh();
    };
    const timer = setInterval(() => document.visibilityState === 'visible' && void refresh(), REFRESH_MS);
    document.addEventListener('visibilitychange', whenVisible);
    window.addEventListener('focus', whenVisible);
    return () => {
      generation.current++;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', whenVisible);
      window.removeEventListener('focus', whenVisible);
    };
  }, [refresh]);

  return {
    channels: list.channels,
    loaded: list.loaded,
    error: list.error,
    readAt: list.readAt,
    hasMore: list.nextToken !== null,
    loadingMore,
    showMore,
  };
}

/** A channel that moved between pages while reading them would otherwise show twice. */
function unique(channels: LiveChannel[]): LiveChannel[] {
  const seen = new Set<string>();
  return channels.filter((channel) => !seen.has(channel.id) && seen.add(channel.id));
}
