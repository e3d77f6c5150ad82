/** On the preview: the ON AIR badge with the live timer, or what is happening instead. */
import { useEffect, useState } from 'react';
import type { BroadcasterState } from '../../broadcast/broadcaster-state';

function elapsed(since: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export function LiveStatus({ state }: { state: BroadcasterState }) {
  const [now, setNow] = useState(Date.now());
  const since = 'since' in state ? state.since : undefined;
  useEffect(() => {
    if (since === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);

  const label =
    state.name === 'preparing'
      ? 'Connecting…'
      : state.name === 'reconnecting'
        ? 'Reconnecting…'
        : state.name === 'stopping'
          ? 'Ending…'
          : undefined;
  return (
    <div className="live-status" role="status" aria-live="polite">
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
  );
}
