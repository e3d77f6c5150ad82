/** transwrap's numbers for the seller: what arrives, what is queued, where it goes. */
import type { BroadcastStats } from '@golive/transwrap/client/broadcast-connection';

const RTMP_STATE: Record<string, string> = {
  connecting: 'connecting to IVS',
  live: 'sending to IVS',
  reconnecting: 'reconnecting to IVS',
  stopped: 'stopped',
};

export function LiveStats(props: {
  stats?: BroadcastStats;
  endpoint?: string;
  format?: string;
  encoding?: { encoder: string; videoKbps: number };
  targetKbps: number;
}) {
  const { stats } = props;
  const host = props.endpoint ? new URL(props.endpoint).host : '—';
  return (
    <dl className="live-stats" aria-label="Broadcast details">
      <div>
        <dt>Bitrate</dt>
        <dd>{stats ? `${stats.receivedKbps} kbps` : '—'}</dd>
      </div>
      <div>
        <dt>Queue</dt>
        <dd>{stats ? `${Math.round(stats.queuedBytes / 1024)} KB` : '—'}</dd>
      </div>
      <div>
        <dt>Relay</dt>
        <dd>{stats ? (RTMP_STATE[stats.rtmp] ?? stats.rtmp) : '—'}</dd>
      </div>
      <div>
        <dt>Endpoint</dt>
        <dd className="endpoint">{host}</dd>
      </div>
      <div>
        <dt>Encoding</dt>
        <dd>
          {props.format ?? '—'}
          {props.encoding &&
            ` via ${props.encoding.encoder}, video ${props.encoding.videoKbps} kbps now`}{' '}
          (quality target {props.targetKbps} kbps)
        </dd>
      </div>
    </dl>
  );
}
