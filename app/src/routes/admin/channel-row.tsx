/** One channel in the admin table: who owns it, whether it is on air, and Stop / Watch / Suspend owner. */
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import type * as op from '@golive/common/api-operations';
import { ChannelStatusFeed } from '../../api/channel-status-feed';
import { fullTime, timeAgo } from './format';
import { StreamStatusBadge } from './status-badge';

export type AdminChannel = op.ChannelsQuery['channels']['items'][number];

export interface ChannelRowProps {
  channel: AdminChannel;
  now: number;
  /** A stop was accepted by the API and the channel has not gone offline yet. */
  stopping: boolean;
  onStop: (channel: AdminChannel) => void;
  /** The owner is suspended: said beside them, and not offered again. */
  ownerSuspended: boolean;
  onSuspendOwner: (channel: AdminChannel) => void;
}

export function ChannelRow({
  channel,
  now,
  stopping,
  onStop,
  ownerSuspended,
  onSuspendOwner,
}: ChannelRowProps) {
  const onAir = channel.status !== 'OFFLINE';
  const statusCell = useRef<HTMLTableCellElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  // The Stop button goes once the channel is offline. If focus was on it, the new status takes it,
  // so keyboard and screen reader users hear the outcome instead of landing at the page's top.
  // Read while rendering, i.e. before the button is removed.
  const stopHadFocus = useRef(false);
  stopHadFocus.current = stopButton.current !== null && stopButton.current === document.activeElement;
  useEffect(() => {
    if (!onAir && stopHadFocus.current) statusCell.current?.focus();
  }, [onAir]);

  return (
    <tr className="channel-row" role="row">
      <th scope="row" role="rowheader" className="cell-name">
        {channel.name}
      </th>
      <td role="cell" className="cell-owner" data-label="Owner">
        {/* Channels made before emails were kept have only the owner's Cognito sub. */}
        {channel.ownerEmail ? (
          <span title={`Cognito user ${channel.owner}`}>{channel.ownerEmail}</span>
        ) : (
          <code>{channel.owner}</code>
        )}
        {ownerSuspended && <strong className="suspended"> · suspended</strong>}
      </td>
      <td role="cell" className="cell-status" data-label="Status" ref={statusCell} tabIndex={-1}>
        <StreamStatusBadge status={channel.status} />
      </td>
      <td role="cell" className="cell-updated" data-label="Updated">
        <time dateTime={channel.updatedAt} title={fullTime(channel.updatedAt)}>
          {timeAgo(channel.updatedAt, now)}
        </time>
      </td>
      <td role="cell" className="cell-actions">
        {channel.status === 'LIVE' && (
          <Link href={`/watch/${channel.id}`} className="button small">
            Watch<span className="visually-hidden"> {channel.name}</span>
          </Link>
        )}
        {onAir && (
          <button
            ref={stopButton}
            type="button"
            className="button small danger"
            aria-disabled={stopping}
            onClick={() => !stopping && onStop(channel)}
          >
            {stopping ? 'Stopping…' : 'Stop'}
            <span className="visually-hidden"> {channel.name}</span>
          </button>
        )}
        {!ownerSuspended && (
          <button type="button" className="button small" onClick={() => onSuspendOwner(channel)}>
            Suspend owner<span className="visually-hidden"> of {channel.name}</span>
          </button>
        )}
        {/* Live status for the rows that can change soonest; offline ones follow the page's poll. */}
        {onAir && <ChannelStatusFeed channelId={channel.id} />}
      </td>
    </tr>
  );
}
