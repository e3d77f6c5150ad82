/**
 * A session's relay, built from the instance's settings and the redeemed ticket: where it sends
 * (the RTMPS URL with the stream key, which stays inside transwrap), whether it may redial (not
 * once the broadcast was stopped on purpose; an API that cannot answer is not a stop), and where
 * it logs.
 */
import type { MediaDeclaration, OnAir, RtmpState } from '../protocol/messages';
import { ResilientRelay, type RelayOwner } from '../relay/resilient-relay';
import type { Logger } from '../logger';
import type { SessionSettings } from './session-settings';

export function sessionRelay(
  settings: SessionSettings,
  media: MediaDeclaration,
  destination: { ingestUrl: string; streamKey: string },
  owner: RelayOwner,
): ResilientRelay {
  return new ResilientRelay(
    {
      ffmpeg: settings.ffmpeg,
      media,
      output: `${destination.ingestUrl}${destination.streamKey}`,
      slates: settings.slates,
      slateAfterMs: settings.slateAfterMs,
    },
    owner,
  );
}

export function relayOwner(
  stoppedSinceTicket: () => Promise<boolean>,
  log: Logger,
  context: { session: string; channel: string },
): RelayOwner {
  return {
    failed: (detail) => log.error('relay failed', { ...context, detail }),
    log: (message, detail) => log.info(message, { ...context, ...detail }),
    mayRestart: () =>
      stoppedSinceTicket().then(
        (stopped) => !stopped,
        () => true,
      ),
  };
}

/** What a `stats` message says of the relay; none yet (the ticket is being redeemed): connecting. */
export function relayStats(relay?: ResilientRelay): {
  relayFps: number;
  queuedBytes: number;
  rtmp: RtmpState;
  restarts: number;
  onAir: OnAir;
} {
  return {
    relayFps: relay?.fps ?? 0,
    queuedBytes: relay?.queuedBytes ?? 0,
    rtmp: relay?.rtmp ?? 'connecting',
    restarts: relay?.restarts ?? 0,
    onAir: relay?.slateShowing ? 'slate' : 'seller',
  };
}
