/**
 * How the video bitrate follows the uplink when the encoder can change it live: down at once when
 * media piles up on the phone or transwrap says it is behind, back up slowly once the uplink has
 * kept up for a while, never above the chosen quality nor below a watchable floor.
 */
export const MIN_VIDEO_KBPS = 300;
/** Seconds of backlog on the phone that count as "behind". */
export const BEHIND_SECONDS = 1;
/** Calm seconds in a row before stepping back up. */
export const CALM_SECONDS_TO_RAISE = 10;

export type UplinkSignal =
  | { type: 'backlog'; seconds: number }
  /** transwrap's `bitrate` message: the relay is behind, send at most this. */
  | { type: 'advice'; maxKbps: number };

export interface BitrateState {
  kbps: number;
  /** Seconds in a row without backlog. */
  calm: number;
}

export function nextBitrate(state: BitrateState, targetKbps: number, signal: UplinkSignal): BitrateState {
  if (signal.type === 'advice') {
    const kbps = Math.max(MIN_VIDEO_KBPS, Math.min(state.kbps, Math.round(signal.maxKbps * 0.9)));
    return { kbps, calm: 0 };
  }
  if (signal.seconds >= BEHIND_SECONDS)
    return { kbps: Math.max(MIN_VIDEO_KBPS, Math.round(state.kbps * 0.7)), calm: 0 };
  if (signal.seconds > BEHIND_SECONDS / 4) return { ...state, calm: 0 };
  const calm = state.calm + 1;
  if (calm >= CALM_SECONDS_TO_RAISE && state.kbps < targetKbps)
    return { kbps: Math.min(targetKbps, Math.round(state.kbps * 1.15)), calm: 0 };
  return { ...state, calm };
}
