/**
 * On the preview: the ON AIR badge with the live timer, or what is happening instead, and the
 * health of the broadcast (broadcast-health.ts): one coloured word, what it means one tap away.
 */
import { useEffect, useState } from 'react';
import type { BroadcastStats } from '@golive/transwrap/client/broadcast-connection';
import { broadcastHealth } from '../../broadcast/broadcast-health';
import type { BroadcasterState } from '../../broadcast/broadcaster-state';

function elapsed(since: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export function LiveStatus(props: {
  state: BroadcasterState;
  stats?: BroadcastStats;
  statsAt?: number;
  uplinkBehind: boolean;
}) {
  const { state } = props;
  const [now, setNow] = useState(Date.now());
  const [detailShown, setDetailShown] = useState(false);
  const since = 'since' in state ? state.since : undefined;
  useEffect(() => {
    if (since === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  const health = broadcastHealth({
    state,
    stats: props.stats,
    statsAgeMs: props.statsAt === undefined ? undefined : now - props.statsAt,
    uplinkBehind: props.uplinkBehind,
  });

  const label =
    state.name === 'preparing'
      ? 'Connecting…'
      : state.name === 'reconnecting'
        ? 'Reconnecting…'
        : state.name === 'stopping'
          ? 'Ending…'
          : undefined;
  return (
    <div className="live-status">
      <div role="status" aria-live="polite">
        {state.name === 'live' && (
          <span className="badge on-air">
            <span className="visually-hidden">On air for </span>
            <span aria-hidden="true">LIVE</span>
            <time>{elapsed(state.since, now)}</time>
          </span>
        )}
        {label && (
          <span className={`badge ${state.name === 'reconnecting' ? 'warning' : ''}`}>
            {label}
            {state.name === 'reconnecting' && <time> {elapsed(state.since, now)}</time>}
          </span>
        )}
      </div>
      {health && (
        <button
          className={`badge health ${health.level}`}
          aria-expanded={detailShown}
          aria-label={`Broadcast health: ${health.label}`}
          onClick={() => setDetailShown(!detailShown)}
        >
          <span className="health-dot" aria-hidden="true" />
          {health.label}
        </button>
      )}
      {health && (
        <span className="visually-hidden" role="status">
          Broadcast health: {health.label}
        </span>
      )}
      {health && detailShown && <p className="health-detail">{health.detail}</p>}
    </div>
  );
}
