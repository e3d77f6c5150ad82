/**
 * One step of a ramp: streams added up to N while the earlier ones carry on, then the window
 * (method.ts) and whether every stream kept up.
 *
 * Figures are the relay's process tree only (Node + its FFmpeg children; transwrap's or the
 * baseline's): CPU from /proc ticks over the window and RSS (summed VmRSS, so each FFmpeg's shared
 * libraries count in full) averaged over the window, PSS (shared pages shared out) at its end, each
 * divided by N. The machine's busy cores are split beside them (machine-load.ts): on a small
 * machine the stack and the bench share the cores with the relay, and the ramp ends when the
 * machine is full.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ms, round, summary } from '../src/stats';
import { clock } from './clock';
import { machineShare, type LoadMeter, type Snapshot } from './machine-load';
import type { IndexedMedia } from './media';
import {
  LIVE_TIMEOUT_MS,
  MAX_DELAY_MS,
  MAX_SENDER_LATE_MS,
  MIN_RELAYED,
  SAMPLE_MS,
  SETTLE_MS,
  WINDOW_MS,
} from './method';
import { sampleTree, treePssKb, usageBetween, type TreeSample, type TreeUsage } from './process-usage';
import type { Relay } from './relays';
import type { StreamPool } from './stream-pool';
import type { BenchStream } from './streams';

export interface StepResult {
  streams: number;
  keptUp: boolean;
  reasons: Record<string, number>;
  relay: {
    cpuCores: number;
    cpuPerStreamPct: number;
    rssMb: number;
    rssMbPerStream: number;
    pssMbPerStream: number;
    cpuCoresByCommand: Record<string, number>;
    rssMbByCommand: Record<string, number>;
    processes: number;
  };
  delayMs: ReturnType<typeof summary>;
  worstStreamMaxDelayMs: number;
  /** Frames that took more than MAX_DELAY_MS. */
  framesOver1s: number;
  relayedPerSent: number;
  senderMaxLateMs: number;
  transwrap?: { bitrateAdvice: number; maxQueuedBytes: number; minRelayFps: number; restarts: number };
  /** Busy cores of the machine; of those, the local stack's, the bench's own, and everything else's. */
  machine: {
    busyCores: number;
    stackCores: number;
    benchCores: number;
    otherCores: number;
    /** Other programs' cores over the settling time and the window: what decides a retry. */
    otherCoresWithSettle: number;
  };
  seconds: number;
  /** Set when this is the second window of a step whose first fell behind under outside load. */
  retriedAfter?: { otherCores: number; reasons: Record<string, number> };
}

/** What a step runs on: the relay and input under test, and the streams on air (the step adds to them). */
export interface StepSetting {
  relay: Relay;
  media: IndexedMedia;
  active: BenchStream[];
  pool: StreamPool;
  load: LoadMeter;
}

/** The window: snapshots at its ends, and the relay's RSS sampled through it (RSS moves, CPU ticks add up). */
async function measureWindow(relayPid: number, load: LoadMeter) {
  const first = load.snapshot(relayPid);
  const rss: TreeUsage[] = [];
  let previous: TreeSample = first.relay;
  while (clock() - first.relay.at < WINDOW_MS) {
    await sleep(SAMPLE_MS);
    const now = sampleTree(relayPid);
    rss.push(usageBetween(previous, now));
    previous = now;
  }
  const last: Snapshot = { ...load.snapshot(relayPid), relay: previous };
  return { first, last, rss, pssKb: treePssKb(relayPid) };
}

export async function measureStep(setting: StepSetting, target: number): Promise<StepResult> {
  const { relay, media, active, pool, load } = setting;
  const stepStart = clock();
  const reasons: Record<string, number> = {};
  const fail = (reason: string) => (reasons[reason] = (reasons[reason] ?? 0) + 1);

  const launched = await pool.launch(target - active.length, media, relay);
  active.push(...launched.streams);
  for (const failure of launched.failures) fail(`could not start: ${failure}`);
  const liveBy = clock() + LIVE_TIMEOUT_MS;
  while (active.some((stream) => !stream.live) && clock() < liveBy) await sleep(100);
  const notLive = active.filter((stream) => !stream.live).length;
  if (notLive > 0) reasons[`not live at the tap after ${LIVE_TIMEOUT_MS / 1000} s`] = notLive;
  const settling = load.snapshot(relay.pid);
  await sleep(SETTLE_MS);

  // Lateness counts from the window on: launching the step's streams may have held the senders up.
  for (const stream of active) if (stream.sender) stream.sender.maxLateMs = 0;
  const { first, last, rss, pssKb } = await measureWindow(relay.pid, load);
  const from = first.relay.at;
  const to = last.relay.at;

  const delays: number[] = [];
  let worst = 0;
  let sent = 0;
  let arrived = 0;
  let senderLate = 0;
  let framesOverLag = 0;
  for (const stream of active) {
    const window = stream.window(from, to);
    delays.push(...window.delays);
    sent += window.sent;
    arrived += window.arrived;
    worst = Math.max(worst, Number.isNaN(window.maxDelay) ? 0 : window.maxDelay);
    senderLate = Math.max(senderLate, stream.sender?.maxLateMs ?? 0);
    if (stream.closed) fail(`closed (${stream.closed.code})`);
    else if (stream.outOfStep > 0) fail('frames missing or out of step');
    else if (window.arrived < MIN_RELAYED * window.sent)
      fail(`relayed < ${MIN_RELAYED * 100} % of frames sent`);
    else if (window.maxDelay > MAX_DELAY_MS) fail(`a frame took > ${MAX_DELAY_MS} ms`);
    framesOverLag += window.delays.filter((delay) => delay > MAX_DELAY_MS).length;
  }
  if (senderLate > MAX_SENDER_LATE_MS)
    fail(`bench senders > ${MAX_SENDER_LATE_MS} ms behind (machine saturated)`);

  const usage = usageBetween(first.relay, last.relay);
  const share = machineShare(first, last);
  const meanRss = rss.reduce((sum, sample) => sum + sample.rssMb, 0) / Math.max(1, rss.length);
  const messages = active.flatMap((stream) =>
    stream.messages.filter(({ at }) => at >= from && at < to).map(({ message }) => message),
  );
  const stats = messages.flatMap((message) => (message.type === 'stats' ? [message] : []));
  const rounded = (record: Record<string, number>, digits: number) =>
    Object.fromEntries(Object.entries(record).map(([name, value]) => [name, round(value, digits)]));
  return {
    streams: target,
    keptUp: Object.keys(reasons).length === 0,
    reasons,
    relay: {
      cpuCores: round(usage.cores, 2),
      cpuPerStreamPct: round((usage.cores / target) * 100),
      rssMb: round(meanRss),
      rssMbPerStream: round(meanRss / target),
      pssMbPerStream: round(pssKb / 1024 / target),
      cpuCoresByCommand: rounded(usage.coresByCommand, 3),
      rssMbByCommand: rounded(usage.rssMbByCommand, 1),
      processes: usage.processes,
    },
    delayMs: summary(delays),
    worstStreamMaxDelayMs: ms(worst),
    framesOver1s: framesOverLag,
    relayedPerSent: round(arrived / Math.max(1, sent), 3),
    senderMaxLateMs: ms(senderLate),
    ...(relay.name === 'transwrap' && {
      transwrap: {
        bitrateAdvice: messages.filter((message) => message.type === 'bitrate').length,
        maxQueuedBytes: Math.max(0, ...stats.map((message) => message.queuedBytes)),
        minRelayFps: stats.length ? Math.min(...stats.map((message) => message.relayFps)) : 0,
        restarts: Math.max(0, ...stats.map((message) => message.restarts)),
      },
    }),
    machine: {
      busyCores: round(share.busyCores, 2),
      stackCores: round(share.stackCores, 2),
      benchCores: round(share.benchCores, 2),
      otherCores: round(Math.max(0, share.otherCores), 2),
      otherCoresWithSettle: round(Math.max(0, machineShare(settling, last).otherCores), 2),
    },
    seconds: round((clock() - stepStart) / 1000),
  } satisfies StepResult;
}
