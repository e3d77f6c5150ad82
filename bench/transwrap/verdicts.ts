/** The verdict on each target (targets.ts), from the ramps' figures. */
import type { RampResult } from './ramp';
import { TARGETS } from './targets';

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
