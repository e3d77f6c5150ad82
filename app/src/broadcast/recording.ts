/** What LiveBroadcast needs of a recorder, whichever way the browser records. */
import type { Encoding } from './encoding-ladder';

export interface RecordingSettings<E extends Encoding = Encoding> {
  encoding: E;
  videoKbps: number;
  audioKbps: number;
}

export interface Recording {
  /** What it records: what transwrap's hello declares. */
  readonly encoding: Encoding;
  /** Starts (or starts over) a recording, its container header first. */
  restart(): void;
  stop(): void;
  readonly videoKbps: number;
  /** Present when the bitrate can change during a recording (WebCodecs). */
  setVideoKbps?(kbps: number): void;
  /** Present when another camera can feed the recording without starting a new one (WebCodecs). */
  switchCamera?(track: MediaStreamTrack): void;
}
