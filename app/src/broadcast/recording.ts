/** What LiveBroadcast needs of a recorder, whichever way the browser records. */
import type { RecordingFormat } from './recording-format';

export interface RecordingSettings {
  format: RecordingFormat;
  videoKbps: number;
  audioKbps: number;
}

export interface Recording {
  /** Starts (or starts over) a recording, its container header first. */
  restart(): void;
  stop(): void;
  readonly videoKbps: number;
  /** Present when the bitrate can change during a recording (WebCodecs). */
  setVideoKbps?(kbps: number): void;
}
