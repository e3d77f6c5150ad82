/**
 * One broadcast as the seller runs it: the camera's recording, sent through a BroadcastConnection
 * (which resumes drops and moves between transwrap endpoints by itself), the screen kept on, and
 * the state, stats and warnings the page shows. The page owns the camera; this owns going live.
 */
import { EventEmitter } from 'eventemitter3';
import {
  BroadcastConnection,
  BroadcastEvent,
  type BroadcastEnd,
  type BroadcastState,
  type BroadcastStats,
  type SocketLike,
} from '@golive/transwrap/client/broadcast-connection';
import { CloseCode } from '@golive/transwrap/protocol/messages';
import {
  IDLE,
  nextBroadcasterState,
  type BroadcasterEvent,
  type BroadcasterState,
} from './broadcaster-state';
import { nextBitrate, type BitrateState, type UplinkSignal } from './bitrate-policy';
import { MediaRecording } from './media-recording';
import type { Encoding, RecorderEncoding } from './encoding-ladder';
import { webAudioRuns } from './microphone-samples';
import type { Recording, RecordingSettings } from './recording';
import { ScreenWakeLock } from './screen-wake-lock';

export const WEAK_UPLINK =
  'Your connection is weak: viewers may see stalls. Choose a lower quality or move closer to Wi-Fi.';

export enum LiveBroadcastEvent {
  StateChanged = 'stateChanged',
  Stats = 'stats',
  Warning = 'warning',
}

interface LiveBroadcastEvents {
  [LiveBroadcastEvent.StateChanged]: [state: BroadcasterState];
  [LiveBroadcastEvent.Stats]: [stats: BroadcastStats];
  /** A problem the seller should know about while the broadcast goes on (undefined: cleared). */
  [LiveBroadcastEvent.Warning]: [warning: string | undefined];
}

export interface LiveBroadcastOptions {
  stream: MediaStream;
  recording: RecordingSettings;
  /** The browser's own recorder, for when the chosen WebCodecs path cannot read the microphone. */
  fallback?: RecorderEncoding;
  /** The API's startBroadcast for this channel: a single-use ticket and where to use it. */
  ticket: () => Promise<{ url: string; ticket: string }>;
  accessToken: () => Promise<string>;
}

/** Seconds of media waiting on the phone before the seller is told the uplink cannot keep up. */
const WEAK_UPLINK_BACKLOG_SECONDS = 3;
const UPLINK_CHECK_MS = 1000;

export class LiveBroadcast extends EventEmitter<LiveBroadcastEvents> {
  state: BroadcasterState = IDLE;
  stats?: BroadcastStats;
  warning?: string;
  private connection?: BroadcastConnection;
  private recording?: Recording;
  private readonly wakeLock = new ScreenWakeLock();
  private uplinkTimer?: ReturnType<typeof setInterval>;
  private bitrate: BitrateState = { kbps: 0, calm: 0 };

  constructor(private readonly options: LiveBroadcastOptions) {
    super();
  }

  /** The transwrap endpoint in use, for the stats panel and for onEndpointChanged. */
  get endpoint(): string | undefined {
    return this.connection?.endpoint || undefined;
  }

  start(): void {
    if (this.state.name !== 'idle' && this.state.name !== 'error') return;
    this.update({ type: 'goLive' });
    this.createRecording().then(
      (recording) => this.connect(recording),
      (error: unknown) => this.fail(`Recording could not start: ${String(error)}`),
    );
  }

  /** What the recording is, once it exists: the chosen encoding, or the fallback taken. */
  get recordingEncoding(): Encoding | undefined {
    return this.recording?.encoding;
  }

  /** How the browser encodes: WebCodecs (adaptive bitrate) or MediaRecorder (fixed). */
  get encoder(): 'WebCodecs' | 'MediaRecorder' | undefined {
    return this.recording?.encoding.encoder;
  }

  /** The bitrate being encoded now (it follows the uplink when the recorder allows). */
  get videoKbps(): number {
    return this.recording?.videoKbps ?? this.options.recording.videoKbps;
  }

  /**
   * Whether another camera can take over while on air without a new recording (the WebCodecs
   * path). MediaRecorder records the tracks it started with: a new camera would need a new
   * recording, which transwrap takes only at the start of a session.
   */
  get canSwitchCamera(): boolean {
    return this.recording !== undefined && 'switchCamera' in this.recording;
  }

  /** The broadcast carries on with `track`'s picture (the caller stops the previous camera). */
  switchCamera(track: MediaStreamTrack): void {
    this.recording?.switchCamera?.(track);
  }

  /** The recorder for the encoding the ladder chose (encoding-ladder.ts). */
  private async createRecording(): Promise<Recording> {
    const deliver = (bytes: ArrayBuffer) => this.connection?.send(bytes);
    const failed = (message: string) => this.fail(message);
    const { recording, stream, fallback } = this.options;
    const { encoding } = recording;
    if (encoding.encoder === 'WebCodecs') {
      // Without MediaStreamTrackProcessor the microphone is read through Web Audio, which some
      // browsers never start (no audio output device, or audio autoplay blocked by the user).
      const usable = encoding.source === 'track-processor' || !fallback || (await webAudioRuns());
      if (usable) {
        const { WebCodecsRecording } = await import('./webcodecs-recording');
        return new WebCodecsRecording(stream, { ...recording, encoding }, deliver, failed);
      }
    }
    return new MediaRecording(
      stream,
      { ...recording, encoding: encoding.encoder === 'MediaRecorder' ? encoding : fallback! },
      deliver,
      failed,
    );
  }

  private connect(recording: Recording): void {
    if (this.state.name !== 'preparing') return recording.stop();
    this.recording = recording;
    this.bitrate = { kbps: this.options.recording.videoKbps, calm: 0 };
    const connection = new BroadcastConnection({
      ticket: this.options.ticket,
      accessToken: this.options.accessToken,
      media: recording.encoding.media,
      openSocket: (url, protocol) => new WebSocket(url, protocol) as unknown as SocketLike,
    });
    this.connection = connection;
    connection.on(BroadcastEvent.NewRecording, () => this.recording?.restart());
    connection.on(BroadcastEvent.StateChanged, (state) => this.connectionState(state));
    connection.on(BroadcastEvent.Stats, (stats) => this.receivedStats(stats));
    connection.on(BroadcastEvent.BitrateAdvice, (maxKbps) => {
      if (this.recording?.setVideoKbps) this.adapt({ type: 'advice', maxKbps });
      else this.warn(`The relay is falling behind: choose a quality below ${maxKbps} kbps next time.`);
    });
    connection.on(BroadcastEvent.Ended, (end) => this.ended(end));
    this.wakeLock.hold();
    this.uplinkTimer = setInterval(() => this.checkUplink(), UPLINK_CHECK_MS);
    connection.start();
  }

  stop(): void {
    this.update({ type: 'stop' });
    this.connection?.stop();
  }

  /** onEndpointChanged said an endpoint is going away: if it is ours, move now. */
  endpointChanged(endpoint: { url: string; status: string }): void {
    if (endpoint.url === this.endpoint && (endpoint.status === 'DRAINING' || endpoint.status === 'STOPPED'))
      this.connection?.move();
  }

  dismiss(): void {
    this.update({ type: 'dismiss' });
  }

  private connectionState(state: BroadcastState): void {
    if (state === 'live') {
      this.update({ type: 'connected', at: Date.now() });
      this.warn(undefined);
    } else if (state === 'resuming' || state === 'moving') this.update({ type: 'dropped', why: state });
  }

  private receivedStats(stats: BroadcastStats): void {
    this.stats = stats;
    this.emit(LiveBroadcastEvent.Stats, stats);
  }

  /**
   * The uplink is weak when media piles up on the phone faster than it leaves: an adaptive
   * encoder follows it; with MediaRecorder the seller is told.
   */
  private checkUplink(): void {
    const connection = this.connection;
    if (!connection || connection.state !== 'live') return;
    const bitsPerSecond = (this.videoKbps + this.options.recording.audioKbps) * 1000;
    const backlogSeconds = (connection.backlogBytes * 8) / bitsPerSecond;
    if (this.recording?.setVideoKbps) this.adapt({ type: 'backlog', seconds: backlogSeconds });
    if (backlogSeconds >= WEAK_UPLINK_BACKLOG_SECONDS) this.warn(WEAK_UPLINK);
    else if (backlogSeconds < WEAK_UPLINK_BACKLOG_SECONDS / 4 && this.warning === WEAK_UPLINK)
      this.warn(undefined);
  }

  private adapt(signal: UplinkSignal): void {
    const next = nextBitrate(this.bitrate, this.options.recording.videoKbps, signal);
    if (next.kbps !== this.bitrate.kbps) this.recording?.setVideoKbps?.(next.kbps);
    this.bitrate = next;
  }

  private ended(end: BroadcastEnd): void {
    this.finish();
    if (end.code === CloseCode.Normal && this.state.name === 'stopping')
      this.update({ type: 'ended', how: 'stopped' });
    else if (end.code === CloseCode.BroadcastStopped) this.update({ type: 'ended', how: 'stoppedByAdmin' });
    else if (end.code === CloseCode.Normal) this.update({ type: 'ended', how: 'stopped' });
    else this.update({ type: 'ended', how: 'failed', message: describeEnd(end) });
  }

  private fail(message: string): void {
    this.connection?.stop();
    this.finish();
    this.update({ type: 'failed', message });
  }

  private finish(): void {
    this.recording?.stop();
    this.recording = undefined;
    this.connection?.removeAllListeners();
    this.connection = undefined;
    this.wakeLock.release();
    clearInterval(this.uplinkTimer);
    this.stats = undefined;
    this.warn(undefined);
  }

  private warn(warning: string | undefined): void {
    if (warning === this.warning) return;
    this.warning = warning;
    this.emit(LiveBroadcastEvent.Warning, warning);
  }

  private update(event: BroadcasterEvent): void {
    const next = nextBroadcasterState(this.state, event);
    if (next === this.state) return;
    this.state = next;
    this.emit(LiveBroadcastEvent.StateChanged, next);
  }
}

/** What a close means for the seller (PROTOCOL.md's close codes). */
export function describeEnd({ code, reason }: BroadcastEnd): string {
  switch (code) {
    case CloseCode.NotTheTicketsSeller:
      return 'Your sign-in has expired. Sign in again to go live.';
    case CloseCode.UnsupportedMedia:
    case CloseCode.BadMedia:
      return 'This browser’s video could not be relayed. Try another browser.';
    case CloseCode.GoingAway:
      return 'No streaming server could be reached. Check your connection and try again.';
    default:
      return `The broadcast stopped (${code}${reason ? `: ${reason}` : ''}).`;
  }
}
