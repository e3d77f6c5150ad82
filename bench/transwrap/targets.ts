/**
 * The targets on this machine (verdicts.ts judges the figures against them). transwrap copy >= 30
 * streams per core, with delay p95 < 150 ms and < 40 MB RSS per stream read at that load (30 x
 * CPUs streams; at the largest step that kept up if it did not get there; PSS shown beside RSS);
 * copy both >= 100 streams per core of relay CPU (the machine itself runs out first: the ingest
 * and the senders share its cores); transcoded VP8 >= 4 per core.
 */
import { CPUS } from './machine-load';
import type { MediaKind } from './media';

export const TARGETS = {
  copyStreamsPerCore: 30,
  /** Per core of the relay's own CPU: with nothing to transcode, FFmpeg only remuxes. */
  copyBothStreamsPerRelayCore: 100,
  copyDelayP95Ms: 150,
  copyRssMbPerStream: 40,
  transcodeStreamsPerCore: 4,
};

/** The load the targets are read at: the streams-per-core target on this machine's cores. */
export const targetLoad = (kind: MediaKind) =>
  (kind === 'vp8' ? TARGETS.transcodeStreamsPerCore : TARGETS.copyStreamsPerCore) * CPUS;
