/**
 * How many watch now, large on the seller's preview while on air: Channel.viewerCount, kept
 * current by onChannelStatus (IVS's count lags a little: about 15 s after a viewer comes).
 */
import { useQuery } from '@apollo/client/react';
import * as op from '@golive/common/api-operations';
import { ChannelStatusFeed } from '../../api/channel-status-feed';

export function ViewerCount({ channelId }: { channelId: string }) {
  const { data } = useQuery(op.CHANNEL, { variables: { id: channelId } });
  const count = data?.channel?.viewerCount ?? 0;
  return (
    <p className="viewer-count" role="status" aria-label={`${count} watching`}>
      <ChannelStatusFeed channelId={channelId} />
      <EyeIcon />
      <span className="viewer-count-number">{count}</span>
      <span className="viewer-count-word">watching</span>
    </p>
  );
}

function EyeIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        d="M2 12s3.5-6.5 10-6.5S22 12 22 12s-3.5 6.5-10 6.5S2 12 2 12z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      />
      <circle cx="12" cy="12" r="3" fill="currentColor" />
    </svg>
  );
}
