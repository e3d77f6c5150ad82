/** What a run prints: every figure as JSON on stdout, then one summary line. */
import { cpus } from 'node:os';
import { round } from '../src/stats';
import { clock } from './clock';
import { CPUS } from './machine-load';
import { METHOD } from './method';
import type { RelayMode } from './plan';
import type { Figures, RampResult } from './ramp';
import type { RelayName } from './relays';
import { TARGETS } from './targets';
import { judgeTargets } from './verdicts';

export function printReport(run: {
  ramps: RampResult[];
  transwrapErrors: string[];
  loadAverageBefore: number[];
  startedAt: number;
}): void {
  const { ramps, transwrapErrors } = run;
  const find = (relay: RelayName, mode: RelayMode) =>
    ramps.find((ramp) => ramp.relay === relay && ramp.mode === mode);
  const copy = find('transwrap', 'copy');
  const copyBoth = find('transwrap', 'copy both');
  const transcode = find('transwrap', 'transcode');
  const { copyAt, targets } = judgeTargets({ copy, copyBoth, transcode });
  const result = {
    machine: { cpus: CPUS, model: cpus()[0]?.model, loadAverageBefore: run.loadAverageBefore },
    method: METHOD,
    ramps,
    transwrapErrorLogLines: { count: transwrapErrors.length, last: transwrapErrors.slice(-3) },
    targets,
    seconds: round((clock() - run.startedAt) / 1000),
  };
  console.log(JSON.stringify(result, null, 2));

  const outcome = (name: keyof typeof targets) => targets[name].result;
  console.log(
    `transwrap: copy ${describe(copy)} [targets: >= ${TARGETS.copyStreamsPerCore}/core ${outcome('copyStreamsPerCore')}, ` +
      `p95 < ${TARGETS.copyDelayP95Ms} ms ${outcome('copyDelayP95Ms')}, < ${TARGETS.copyRssMbPerStream} MB ` +
      `RSS ${outcome('copyRssMbPerStream')} / PSS ${outcome('copyPssMbPerStream')}, at ${copyAt?.streams ?? '-'} streams]; ` +
      `copy both (H.264 + AAC) ${describe(copyBoth)} [target >= ${TARGETS.copyBothStreamsPerRelayCore}/core of relay CPU ${outcome('copyBothStreamsPerRelayCore')}]; ` +
      `VP8 transcode ${describe(transcode)} [target >= ${TARGETS.transcodeStreamsPerCore}/core ${outcome('transcodeStreamsPerCore')}]; ` +
      `baseline (old sample args): copy ${describe(find('baseline', 'copy'))}; transcode ${describe(find('baseline', 'transcode'))}`,
  );
}

function figures(at: Figures): string {
  return (
    `${at.cpuPerStreamPct}% CPU, ${at.rssMbPerStream} MB RSS (${at.pssMbPerStream} MB PSS) per stream, ` +
    `delay p50 ${at.delayP50Ms} / p95 ${at.delayP95Ms} ms`
  );
}

function describe(ramp: RampResult | undefined): string {
  if (!ramp) return 'not run';
  const max = ramp.atMax;
  const atTarget = ramp.atTargetLoad;
  return (
    `max ${ramp.maxStreams} streams = ${ramp.maxStreamsPerCore}/core` +
    (max ? ` (${max.streamsPerRelayCore}/core of relay CPU; ${figures(max)})` : '') +
    (atTarget && atTarget.streams !== max?.streams ? `, at ${atTarget.streams}: ${figures(atTarget)}` : '')
  );
}
