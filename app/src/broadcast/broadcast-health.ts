/**
 * One glanceable answer to "are viewers seeing me?", from what the page already knows: the
 * broadcast's state, transwrap's last `stats` (and how old they are), and whether media is piling
 * up on the phone. Honest first: it is green only while the seller's media is arriving at
 * transwrap and going on to IVS, and never while nothing flows. Kept pure so each case is a row of
 * a table (broadcast-health.test.ts).
 */
import type { BroadcastStats } from '@golive/transwrap/client/broadcast-connection';
import type { BroadcasterState } from './broadcaster-state';

export type HealthLevel = 'good' | 'weak' | 'reconnecting' | 'off-air';

export interface BroadcastHealth {
  level: HealthLevel;
  /** A word or two, on the preview. */
  label: string;
  /** What it means for viewers, one tap away. */
  detail: string;
}

export interface HealthSignals {
  state: BroadcasterState;
  stats?: BroadcastStats;
  /** How long ago the last stats came (they come every second while the connection is up). */
  statsAgeMs?: number;
  /** Media is piling up on the phone: the uplink is slower than the recording. */
  uplinkBehind: boolean;
}

/** Stats this late mean the connection has gone quiet, whatever the socket says. */
export const STATS_OVERDUE_MS = 3000;

const RIGHT_BACK = 'viewers see "Be right back"';

/** Undefined while not on air (nothing to report). */
export function broadcastHealth(signals: HealthSignals): BroadcastHealth | undefined {
  const { state, stats, statsAgeMs, uplinkBehind } = signals;
  if (state.name === 'reconnecting')
    return {
      level: 'reconnecting',
      label: 'Reconnecting',
      detail:
        state.why === 'moving'
          ? `Moving to another server: ${RIGHT_BACK} for a moment.`
          : `Your connection dropped: ${RIGHT_BACK} until it is back.`,
    };
  if (state.name !== 'live') return undefined;
  if (!stats || statsAgeMs === undefined || statsAgeMs > STATS_OVERDUE_MS)
    return {
      level: 'weak',
      label: 'No word from the server',
      detail: 'Nothing has been heard from the server for a few seconds: viewers may see a frozen picture.',
    };
  if (stats.onAir === 'slate' || stats.receivedKbps === 0)
    return {
      level: 'off-air',
      label: 'Not reaching viewers',
      detail: `Your video is not arriving at the server: ${RIGHT_BACK}.`,
    };
  if (stats.rtmp !== 'live')
    return {
      level: 'weak',
      label: stats.rtmp === 'connecting' ? 'Starting' : 'Reconnecting to IVS',
      detail:
        stats.rtmp === 'connecting'
          ? 'The server is starting your stream to viewers.'
          : 'The server is reconnecting to IVS: viewers may see a pause.',
    };
  if (uplinkBehind)
    return {
      level: 'weak',
      label: 'Weak connection',
      detail: `Your upload is slower than your video (${stats.receivedKbps} kbps arriving): viewers get lower quality or a delay.`,
    };
  return {
    level: 'good',
    label: 'Good',
    detail: `Viewers see you live: ${stats.receivedKbps} kbps arriving, ${stats.relayFps} frames a second going out.`,
  };
}
