/**
 * Every channel the seller owns, newest first, read a page at a time to the last: the seller's
 * stored choice may be any of them (the channel quota can exceed a page), and a choice missing
 * from a partial list was taken for gone and replaced by the newest channel.
 */
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import * as op from '@golive/common/api-operations';

export type MyChannel = op.MyChannelsQuery['myChannels']['items'][number];

const PAGE = 100;

export function useMyChannels(): {
  channels?: MyChannel[];
  error?: Error;
  loading: boolean;
  reload: () => void;
} {
  const client = useApolloClient();
  const [state, setState] = useState<{ channels?: MyChannel[]; error?: Error; loading: boolean }>({
    loading: true,
  });
  const [reads, setReads] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    const readAll = async () => {
      const channels: MyChannel[] = [];
      let nextToken: string | null | undefined;
      do {
        const { data } = await client.query({
          query: op.MY_CHANNELS,
          variables: { limit: PAGE, nextToken },
          fetchPolicy: 'network-only',
        });
        if (!data) throw new Error('the API answered without channels');
        channels.push(...data.myChannels.items);
        nextToken = data.myChannels.nextToken;
      } while (nextToken);
      return channels;
    };
    readAll().then(
      (channels) => !cancelled && setState({ channels, loading: false }),
      (error: unknown) =>
        !cancelled &&
        setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, reads]);
  return {
    ...state,
    // Loading from now, not from the next effect: a choice made with this call is not judged
    // against the list from before it.
    reload: () => {
      setState((previous) => ({ ...previous, loading: true }));
      setReads((count) => count + 1);
    },
  };
}
