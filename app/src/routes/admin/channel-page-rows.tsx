/**
 * One page of the channels table (a <tbody>), read with its own nextToken and polled on its own.
 * Pages that poll themselves keep "Show more" pages on screen: one query merged by fetchMore
 * would be cut back to its first page by the next poll.
 */
import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import * as op from '@golive/common/api-operations';
import { apiErrorMessage } from '../../api/api-error';
import { CHANNELS_PAGE_SIZE, CHANNELS_POLL_MS } from './channel-paging';
import { ChannelRow, type AdminChannel } from './channel-row';
import { useNow } from './use-now';

export const CHANNEL_COLUMNS = 5;

/** Channels on air (which may need a Stop) before the rest, then by name. */
function onAirFirst(channels: readonly AdminChannel[]): AdminChannel[] {
  const offAir = (channel: AdminChannel) => (channel.status === 'OFFLINE' ? 1 : 0);
  return [...channels].sort(
    (a, b) => offAir(a) - offAir(b) || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
}

export interface ChannelPageRowsProps {
  /** Where this page starts; undefined for the first. */
  startToken: string | undefined;
  /** Tells the table where the next page starts (null: this is the last). */
  onLoaded: (nextToken: string | null) => void;
  stopping: ReadonlySet<string>;
  onStop: (channel: AdminChannel) => void;
  suspendedOwners: ReadonlySet<string>;
  onSuspendOwner: (channel: AdminChannel) => void;
  isFirst: boolean;
}

export function ChannelPageRows({
  startToken,
  onLoaded,
  stopping,
  onStop,
  suspendedOwners,
  onSuspendOwner,
  isFirst,
}: ChannelPageRowsProps) {
  const now = useNow(15_000);
  const { data, previousData, error, refetch } = useQuery(op.CHANNELS, {
    variables: { limit: CHANNELS_PAGE_SIZE, nextToken: startToken },
    pollInterval: CHANNELS_POLL_MS,
  });
  // A failed poll keeps the last list on screen, with the error beside it.
  const page = (data ?? previousData)?.channels;
  const nextToken = page?.nextToken;
  useEffect(() => {
    if (nextToken !== undefined) onLoaded(nextToken);
  }, [nextToken, onLoaded]);

  if (!page) {
    return (
      <tbody role="rowgroup">
        <tr className="message-row" role="row">
          <td role="cell" colSpan={CHANNEL_COLUMNS}>
            {error ? (
              <div className="row-message">
                <p className="error" role="alert">
                  Channels could not be loaded: {apiErrorMessage(error)}
                </p>
                <button type="button" className="button small" onClick={() => void refetch()}>
                  Try again
                </button>
              </div>
            ) : (
              <p role="status">Loading channels…</p>
            )}
          </td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody role="rowgroup">
      {error && (
        <tr className="message-row" role="row">
          <td role="cell" colSpan={CHANNEL_COLUMNS}>
            <p className="error" role="alert">
              Could not refresh the list: {apiErrorMessage(error)} Showing what was last loaded.
            </p>
          </td>
        </tr>
      )}
      {isFirst && page.items.length === 0 && (
        <tr className="message-row" role="row">
          <td role="cell" colSpan={CHANNEL_COLUMNS}>
            <p>No channels yet. Sellers create them when they first go live.</p>
          </td>
        </tr>
      )}
      {onAirFirst(page.items).map((channel) => (
        <ChannelRow
          key={channel.id}
          channel={channel}
          now={now}
          stopping={stopping.has(channel.id)}
          onStop={onStop}
          ownerSuspended={suspendedOwners.has(channel.owner)}
          onSuspendOwner={onSuspendOwner}
        />
      ))}
    </tbody>
  );
}
