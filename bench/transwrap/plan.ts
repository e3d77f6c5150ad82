/**
 * Which ramps run, in order: each relay with each input it can take, on a ladder of stream counts
 * within a time budget. Copy ladders go 5, 10, 20, ... and VP8 ones 1, 2, 4, 6, ...: a transcode
 * costs many times what a copy does (the targets are 4 and 30 streams per core).
 *
 * Inputs (media.ts): 720p30 Matroska H.264 (~3 Mbps, no B-frames) with Opus for copy mode (video
 * copied, Opus -> AAC) and with AAC for copy-both mode (both copied: what a browser that encodes
 * AAC sends through the app's WebCodecs path; transwrap only, the old sample always transcoded
 * audio); WebM VP8 (1.5 Mbps, Firefox-like) for transcoding.
 */
import type { MediaKind } from './media';
import type { RelayName } from './relays';
import { targetLoad } from './targets';

export interface RampPlan {
  relay: RelayName;
  kind: MediaKind;
  steps: number[];
  budgetMs: number;
}

/** What the relay's FFmpeg does with each input: copy the video (audio transcoded), copy both, or transcode. */
export type RelayMode = 'copy' | 'copy both' | 'transcode';
export const RELAY_MODE: Record<MediaKind, RelayMode> = {
  h264: 'copy',
  'h264-aac': 'copy both',
  vp8: 'transcode',
};

/** The ladders always include the target load. */
const ladder = (steps: number[], kind: MediaKind) =>
  [...new Set([...steps, targetLoad(kind)])].sort((a, b) => a - b);

const COPY = { steps: ladder([5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 'h264'), budgetMs: 130_000 };
const TRANSCODE = { steps: ladder([1, 2, 4, 6, 8, 10, 12], 'vp8'), budgetMs: 65_000 };
export const RAMPS: RampPlan[] = [
  { relay: 'transwrap', kind: 'h264', ...COPY },
  { relay: 'transwrap', kind: 'h264-aac', ...COPY },
  { relay: 'baseline', kind: 'h264', ...COPY },
  { relay: 'transwrap', kind: 'vp8', ...TRANSCODE },
  { relay: 'baseline', kind: 'vp8', ...TRANSCODE },
];

const MEDIA_SECONDS: Record<MediaKind, number> = { h264: 170, 'h264-aac': 170, vp8: 100 };
/** Each file outlasts the longest a stream may run: its ramp's budget plus one step (retries start anew). */
export const mediaSeconds = (kind: MediaKind) =>
  Math.max(MEDIA_SECONDS[kind], (kind === 'vp8' ? TRANSCODE : COPY).budgetMs / 1000 + 30);
