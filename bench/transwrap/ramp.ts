/**
 * A ramp: one relay and one input, stepping up the plan's ladder until a step does not keep up or
 * the time budget is spent. Max streams per core = the largest N that kept up / CPUs; since that
 * counts the cores the ingest and the bench use too, "per core of relay CPU" (N / the relay's own
 * cores: what one core would carry if the relay had the machine to itself) is given beside it.
 *
 * A step that fell behind while other programs were busy (RETRY_OTHER_CORES) says little about
 * the relay: it is run again, once per ramp, with every stream stopped and N new ones started
 * after waiting for the machine to quieten, so that no backlog carries over.
 */
import { round } from '../src/stats';
import { clock } from './clock';
import { CPUS } from './machine-load';
import { RETRY_OTHER_CORES, SETTLE_MS, WINDOW_MS } from './method';
import { RELAY_MODE, type RampPlan, type RelayMode } from './plan';
import { ffmpegArgsOf, type RelayName } from './relays';
import { measureStep, type StepResult, type StepSetting } from './step';
import { targetLoad } from './targets';

export interface Figures {
  streams: number;
  /** N / the relay's own CPU cores at that step: streams per core if the relay had the cores to itself. */
  streamsPerRelayCore: number;
  cpuPerStreamPct: number;
  rssMbPerStream: number;
  pssMbPerStream: number;
  delayP50Ms: number;
  delayP95Ms: number;
}

export interface RampResult {
  relay: RelayName;
  input: string;
  inputKbps: number;
  mode: RelayMode;
  ffmpegArgs: string;
  steps: StepResult[];
  stoppedBecause: string;
  maxStreams: number;
  maxStreamsPerCore: number;
  /** The figures at the largest step that kept up. */
  atMax?: Figures;
  /** The figures at the targets' load (streams per core target x CPUs), if that step kept up. */
  atTargetLoad?: Figures;
}

function figuresAt(step: StepResult): Figures {
  return {
    streams: step.streams,
    streamsPerRelayCore: round(step.streams / Math.max(0.01, step.relay.cpuCores), 1),
    cpuPerStreamPct: step.relay.cpuPerStreamPct,
    rssMbPerStream: step.relay.rssMbPerStream,
    pssMbPerStream: step.relay.pssMbPerStream,
    delayP50Ms: step.delayMs.p50,
    delayP95Ms: step.delayMs.p95,
  };
}

export async function runRamp(plan: RampPlan, on: Omit<StepSetting, 'active'>): Promise<RampResult> {
  const { relay, media, pool, load } = on;
  const setting: StepSetting = { ...on, active: [] };
  const { active } = setting;
  const started = clock();
  const steps: StepResult[] = [];
  let stoppedBecause = 'reached the last step';
  let lastStepMs = 0;
  let retried = false;
  // The retry's time does not count against the budget (about one step and 25 s).
  let retryMs = 0;
  try {
    for (const target of plan.steps) {
      const elapsed = clock() - started - retryMs;
      if (elapsed + Math.max(lastStepMs, SETTLE_MS + WINDOW_MS) > plan.budgetMs) {
        stoppedBecause = `time budget (${plan.budgetMs / 1000} s) spent`;
        break;
      }
      const stepStart = clock();
      let step: StepResult = await measureStep(setting, target);
      const otherCores = Math.max(step.machine.otherCores, step.machine.otherCoresWithSettle);
      if (!step.keptUp && otherCores > RETRY_OTHER_CORES && !retried) {
        retried = true;
        const retryStart = clock();
        console.error(
          `  ${relay.name} ${plan.kind} N=${target}: fell behind while others used ${otherCores} cores; ` +
            `again with ${target} new streams`,
        );
        await pool.stop(active, relay);
        active.splice(0);
        await load.quiet(relay.pid);
        step = {
          ...(await measureStep(setting, target)),
          retriedAfter: { otherCores, reasons: step.reasons },
        };
        retryMs = clock() - retryStart;
      }
      lastStepMs = clock() - stepStart;
      steps.push(step);
      console.error(
        `  ${relay.name} ${plan.kind} N=${target}: ${step.keptUp ? 'kept up' : 'fell behind'}; ` +
          `relay ${step.relay.cpuCores} cores, ${step.relay.rssMbPerStream} MB/stream; ` +
          `delay p50 ${step.delayMs.p50} p95 ${step.delayMs.p95} ms; machine ${step.machine.busyCores}/${CPUS} busy` +
          (step.keptUp ? '' : ` (${JSON.stringify(step.reasons)})`),
      );
      if (!step.keptUp) {
        stoppedBecause = `N=${target} fell behind: ${Object.keys(step.reasons).join(', ')}`;
        break;
      }
    }
  } finally {
    await pool.stop(active, relay);
  }
  const best = [...steps].reverse().find((step) => step.keptUp);
  const atTarget = steps.find((step) => step.keptUp && step.streams === targetLoad(plan.kind));
  return {
    relay: relay.name,
    input: media.label,
    inputKbps: media.kbps,
    mode: RELAY_MODE[plan.kind],
    ffmpegArgs: ffmpegArgsOf(relay.name, media),
    steps,
    stoppedBecause,
    maxStreams: best?.streams ?? 0,
    maxStreamsPerCore: round((best?.streams ?? 0) / CPUS, 2),
    ...(best && { atMax: figuresAt(best) }),
    ...(atTarget && { atTargetLoad: figuresAt(atTarget) }),
  };
}
