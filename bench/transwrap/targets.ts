/**
 * The targets on this machine and the verdict on each. transwrap copy >= 30 streams per core, with
 * delay p95 < 150 ms and < 40 MB RSS per stream read at that load (30 x CPUs streams; at the
 * largest step that kept up if it did not get there; PSS shown beside RSS); copy both >= 100
 * streams per core of relay CPU (the machine itself runs out first: the ingest and the senders
 * share its cores); transcoded VP8 >= 4 per core.
 */
import { CPUS } from './machine-load';
import type { MediaKind } from './media';
import type { RampResult } from './ramp';

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

/** n/a when the figure was never measured (its ramp did not run, or no step kept up). */
function judge(compare: '>=' | '<', limit: number, value: number | undefined, atStreams?: number) {
  const pass = value === undefined ? undefined : compare === '>=' ? value >= limit : value < limit;
  return {
    target: `${compare} ${limit}`,
    atStreams,
    value,
    result: pass === undefined ? 'n/a' : pass ? 'pass' : 'miss',
  };
}

export function judgeTargets(transwrap: {
  copy?: RampResult;
  copyBoth?: RampResult;
  transcode?: RampResult;
}) {
  const { copy, copyBoth, transcode } = transwrap;
  // Delay and memory are read where the targets put them (30 streams per core), else at the max.
  const copyAt = copy?.atTargetLoad ?? copy?.atMax;
  const targets = {
    copyStreamsPerCore: judge('>=', TARGETS.copyStreamsPerCore, copy?.maxStreamsPerCore),
    copyDelayP95Ms: judge('<', TARGETS.copyDelayP95Ms, copyAt?.delayP95Ms, copyAt?.streams),
    copyRssMbPerStream: judge('<', TARGETS.copyRssMbPerStream, copyAt?.rssMbPerStream, copyAt?.streams),
    // RSS counts each FFmpeg's shared libraries in full; PSS shares them out (what the machine pays).
    copyPssMbPerStream: judge('<', TARGETS.copyRssMbPerStream, copyAt?.pssMbPerStream, copyAt?.streams),
    copyBothStreamsPerRelayCore: judge(
      '>=',
      TARGETS.copyBothStreamsPerRelayCore,
      copyBoth?.atMax?.streamsPerRelayCore,
    ),
    transcodeStreamsPerCore: judge('>=', TARGETS.transcodeStreamsPerCore, transcode?.maxStreamsPerCore),
  };
  return { copyAt, targets };
}
