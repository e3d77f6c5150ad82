/**
 * Going live from the page: a LiveBroadcast with tickets from the API's startBroadcast, its state,
 * stats and warnings as React state, and onEndpointChanged while on air so that an endpoint going
 * away moves the broadcast at once.
 */
import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import * as op from '@golive/common/api-operations';
import type { BroadcastStats } from '@golive/transwrap/client/broadcast-connection';
import { useAuthSession } from '../../auth/auth-context';
import { setBroadcasting } from '../../broadcast/broadcasting';
import {
  canChangeDevices,
  IDLE,
  isOnAir,
  nextBroadcasterState,
  type BroadcasterState,
} from '../../broadcast/broadcaster-state';
import type { QualityPreset } from '../../broadcast/camera';
import { LiveBroadcast, LiveBroadcastEvent, WEAK_UPLINK } from '../../broadcast/live-broadcast';
import { encoderCapabilities } from '../../broadcast/encoder-capabilities';
import {
  chooseEncoding,
  recorderEncoding,
  type EncoderCapabilities,
  type Encoding,
  type RecorderEncoding,
} from '../../broadcast/encoding-ladder';

export interface LiveControls {
  state: BroadcasterState;
  stats?: BroadcastStats;
  /** When the last stats came. */
  statsAt?: number;
  /** Media piles up on the phone: the uplink is slower than the recording. */
  uplinkBehind: boolean;
  warning?: string;
  endpoint?: string;
  /** How going live will encode (or encodes), once the browser has been asked. */
  format?: Encoding;
  /** How the browser encodes, and at what video bitrate now. */
  encoding?: { encoder: string; videoKbps: number };
  goLive: (channelId: string, stream: MediaStream, preset: QualityPreset) => void;
  /** While on air: whether another camera can take over without a new recording (WebCodecs). */
  canSwitchCamera: boolean;
  /** While on air: the broadcast carries on with this camera's picture. */
  switchCamera: (track: MediaStreamTrack) => void;
  stop: () => void;
  dismiss: () => void;
}

/** `adaptive`: encode so that the bitrate follows the uplink (WebCodecs) where the browser can. */
export function useLiveBroadcast(adaptive: boolean): LiveControls {
  const client = useApolloClient();
  const session = useAuthSession();
  const broadcast = useRef<LiveBroadcast>(undefined);
  const [state, setState] = useState<BroadcasterState>(IDLE);
  const [stats, setStats] = useState<BroadcastStats>();
  const [statsAt, setStatsAt] = useState<number>();
  const [warning, setWarning] = useState<string>();
  const [capabilities, setCapabilities] = useState<EncoderCapabilities>();
  useEffect(() => {
    let mounted = true;
    void encoderCapabilities().then((answer) => mounted && setCapabilities(answer));
    return () => {
      mounted = false;
    };
  }, []);
  const format = capabilities && chooseEncoding(capabilities, { adaptive });

  useSubscription(op.ON_ENDPOINT_CHANGED, {
    skip: !isOnAir(state),
    onData: ({ data }) => {
      const endpoint = data.data?.onEndpointChanged;
      if (endpoint) broadcast.current?.endpointChanged(endpoint);
    },
  });

  // Leaving the page ends the broadcast rather than leaving a camera recording for nobody.
  useEffect(() => () => broadcast.current?.stop(), []);

  const broadcasting = !canChangeDevices(state);
  // In the same commit as the page's state, not after paint: once "LIVE" or "ended" shows, a
  // reload asks (or does not) accordingly.
  useLayoutEffect(() => {
    setBroadcasting(broadcasting);
    return () => setBroadcasting(false);
  }, [broadcasting]);

  // The browser's answers are almost always in before the seller presses Go live; if not, wait.
  const goLive: LiveControls['goLive'] = (channelId, stream, preset) =>
    void encoderCapabilities().then((answer) =>
      start(channelId, stream, preset, chooseEncoding(answer, { adaptive }), recorderEncoding(answer)),
    );

  const start = (
    channelId: string,
    stream: MediaStream,
    preset: QualityPreset,
    format?: Encoding,
    fallback?: RecorderEncoding,
  ) => {
    if (!format) {
      setState({
        name: 'error',
        message: 'This browser cannot record video. Use a recent Chrome, Safari or Firefox.',
      });
      return;
    }
    const live = new LiveBroadcast({
      stream,
      recording: { encoding: format, videoKbps: preset.videoKbps, audioKbps: preset.audioKbps },
      fallback,
      ticket: async () => {
        const result = await client.mutate({ mutation: op.START_BROADCAST, variables: { channelId } });
        if (!result.data) throw new Error('startBroadcast returned nothing');
        return result.data.startBroadcast;
      },
      accessToken: () => session.accessToken(),
    });
    live.on(LiveBroadcastEvent.StateChanged, (next) => {
      setState(next);
      if (next.name === 'idle' || next.name === 'error') broadcast.current = undefined;
    });
    live.on(LiveBroadcastEvent.Stats, (next) => {
      setStats(next);
      setStatsAt(Date.now());
    });
    live.on(LiveBroadcastEvent.Warning, setWarning);
    broadcast.current = live;
    live.start();
  };

  return {
    state,
    stats,
    statsAt,
    uplinkBehind: warning === WEAK_UPLINK,
    warning,
    endpoint: broadcast.current?.endpoint,
    encoding: broadcast.current?.encoder && {
      encoder: broadcast.current.encoder,
      videoKbps: broadcast.current.videoKbps,
    },
    format: broadcast.current?.recordingEncoding ?? format,
    goLive,
    canSwitchCamera: broadcast.current?.canSwitchCamera ?? false,
    switchCamera: (track) => broadcast.current?.switchCamera(track),
    stop: () => broadcast.current?.stop(),
    dismiss: () => setState((current) => nextBroadcasterState(current, { type: 'dismiss' })),
  };
}
