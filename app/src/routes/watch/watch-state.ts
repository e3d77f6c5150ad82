/**
 * What the watch page shows, from the channel's status and what this viewer has seen so far. Kept
 * apart from the page so each case is specified by a table (watch-state.test.ts).
 */
import type { StreamStatus } from '@golive/common/api-operations';

export type WatchView =
  /** Nobody is broadcasting, and this viewer has not watched a broadcast here yet. */
  | 'offline'
  /** The seller pressed Go live; the picture is on its way. */
  | 'starting'
  /** The player is up. */
  | 'live'
  /**
   * The seller's connection dropped and is being restored: the player stays up, and transwrap's
   * "Be right back" slate is what it shows meanwhile.
   */
  | 'away'
  /** This viewer watched it, and it is over. */
  | 'ended';

export function watchView(status: StreamStatus, watchedHere: boolean): WatchView {
  switch (status) {
    case 'LIVE':
      return 'live';
    // transwrap holds the session and the stream to IVS, and puts its slate on air.
    case 'INTERRUPTED':
      return 'away';
    case 'CONNECTING':
      return 'starting';
    case 'OFFLINE':
      return watchedHere ? 'ended' : 'offline';
  }
}

/** The views in which the player exists (leaving them disposes it). */
export const hasPlayer = (view: WatchView): boolean => view === 'live' || view === 'away';

/** The few words under the video, announced to screen readers when they change. */
export function watchStatusText(view: WatchView): string {
  switch (view) {
    case 'offline':
      return 'Offline';
    case 'starting':
      return 'Starting soon';
    case 'live':
      return 'Live now';
    case 'away':
      return 'The seller will be right back';
    case 'ended':
      return 'Broadcast ended';
  }
}
