/**
 * bench/transwrap: how many live broadcasts one transwrap relays per core, at what CPU, memory and
 * added delay, beside the relay of the sample it replaces.
 *
 * Set-up (one process tree, one run, all on 127.0.0.1): a local stack; a real transwrap process
 * (CAPACITY and the per-address limits raised); the baseline relay (baseline-relay.ts: a
 * WebSocket server piping into FFmpeg with the old sample's arguments); and a tap (rtmp-tap.ts, on
 * a thread of its own) in front of the local IVS ingest. transwrap dials only the ingest URL the
 * API gives it, so its FFMPEG_PATH is a small shell wrapper that execs the system FFmpeg with
 * transwrap's own arguments, only the ingest's RTMPS host:port replaced by the tap's (same path
 * and stream key; exec, so no extra process). The tap terminates TLS with the ingest's certificate
 * and forwards every byte as it arrives to the local IVS's RTMP port, which takes the stream live
 * and packages HLS as usual. The baseline publishes to the tap directly, with the stream key the
 * bench reads from the local IVS.
 *
 * Streams: 720p30 Matroska H.264 (~3 Mbps, no B-frames) with Opus for copy mode (video copied,
 * Opus -> AAC) and with AAC for copy-both mode (both copied: what a browser that encodes AAC sends
 * through the app's WebCodecs path; transwrap only, the old sample always transcoded audio), WebM
 * VP8 (1.5 Mbps, Firefox-like) for transcoding; each stream sends the file from its start at recorded pace
 * in 100 ms messages (streams.ts; a MediaRecorder timeslice of 100 ms), launches spread out so
 * keyframes do not line up.
 *
 * Ramp: for each relay and input, N streams (copy 5, 10, 20, ...; VP8 1, 2, 4, 6, ...), adding
 * streams at each step while the earlier ones carry on; once all are live at the tap, 3 s to settle,
 * then an 8 s window in which everything is measured. A stream falls behind real time when the tap
 * got fewer than 95 % of the frames sent in the window, or a frame took more than 1 s, or went
 * missing, or its connection closed; a step keeps up when no stream fell behind and the bench's
 * senders were never more than 500 ms behind their schedule (else the machine, not the relay, fell
 * behind, and the step cannot count). Other programs share this machine: a step that fell behind
 * while they used more than 0.3 cores (over settling and window) is run again (once per ramp), with
 * every stream stopped and N new ones started after waiting (up to 12 s) for them to quieten. A
 * ramp stops at the first step that does not keep up, or when its time budget is spent. Max
 * streams per core = the largest N that kept up / CPUs; since that counts the cores the ingest and
 * the bench use too, "per core of relay CPU" (below) is printed beside it.
 *
 * Figures, per step: the relay's process tree only (Node + its FFmpeg children; transwrap's or the
 * baseline's): CPU from /proc ticks over the window and RSS (summed VmRSS, so each FFmpeg's shared
 * libraries count in full) averaged over the window, PSS (shared pages shared out) at its end, each
 * divided by N; "per core of relay CPU" is N / the relay's own cores, what one core would carry if
 * the relay had the machine to itself. Whole-machine busy cores, the local stack's (ingest + HLS
 * packagers), the bench's own (senders + tap) and the rest are printed beside them: on a small
 * machine they all share the cores with the relay, and the ramp ends when the machine is full.
 *
 * Relay delay: from the moment the message completing a video frame is handed to the client's
 * WebSocket to the moment the frame's last byte reaches the tap (both stamped on one monotonic
 * clock): loopback WebSocket, the relay's Node process, FFmpeg, RTMPS. It includes FFmpeg holding
 * each video frame until it has AAC audio up to the same time (FLV must be interleaved; Opus->AAC
 * lags ~63 ms: 43 ms encoder delay + a 20 ms Opus frame), which arrives with the client's next
 * message: so p50 is about one message interval (100 ms here; 20 ms messages give ~63 ms, and
 * without audio FFmpeg adds ~0.3 ms, measured outside this bench). It does not include the time
 * the client waited to fill a message, nor the ingest's HLS packaging.
 *
 * Targets (on this machine): transwrap copy >= 30 streams per core, with delay p95 < 150 ms and
 * < 40 MB RSS per stream read at that load (30 x CPUs streams; at the largest step that kept up if
 * it did not get there; PSS shown beside RSS); copy both >= 100 streams per core of relay CPU (the
 * machine itself runs out first: the ingest and the senders share its cores); transcoded VP8 >= 4
 * per core. Media files are made once and cached under .cache/media (about a minute); a run then
 * takes 8-11 minutes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ApolloClient } from '@apollo/client';
import { GetStreamKeyCommand, IvsClient, ListStreamKeysCommand } from '@aws-sdk/client-ivs';
import { WebSocket } from 'ws';
import { resolveFfmpeg } from '@golive/common/binaries';
import * as op from '@golive/common/api-operations';
import { LOCAL_ACCOUNT_ID } from '@golive/local/credentials';
import { apolloClient, authFor, call, createUser, signIn } from '@golive/local/graphql/testing/api-clients';
import type { LocalStackInfo } from '@golive/local/stack-info';
import { descendantsOf, stillRunning, type ProcessId } from '@golive/local/testing/process-tree';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';
import { IngestClient } from '@golive/transwrap/testing/ingest-client';
import { spawnTranswrap, type TranswrapProcess } from '@golive/transwrap/testing/transwrap-process';
import { ms, summary } from '../src/stats';
import { baselineArgs } from './baseline-relay';
import { clock } from './clock';
import { indexedMedia, type IndexedMedia, type MediaKind } from './media';
import {
  machineBusyCores,
  sampleMachine,
  sampleTree,
  treePssKb,
  usageBetween,
  type MachineSample,
  type TreeSample,
  type TreeUsage,
} from './process-usage';
import type { VideoArrival } from './rtmp-tap';
import { BenchStream } from './streams';
import type { TapWorkerData, TapWorkerMessage } from './tap-worker';

const CPUS = cpus().length;
const SETTLE_MS = 3000;
const WINDOW_MS = 8000;
const SAMPLE_MS = 1000;
const LIVE_TIMEOUT_MS = 10_000;
/** A step that fell behind while programs outside the bench used more than this is measured again, once. */
const RETRY_OTHER_CORES = 0.3;
const QUIET_WAIT_MS = 12_000;
/** Keep-up criteria. */
const MAX_DELAY_MS = 1000;
const MIN_RELAYED = 0.95;
const MAX_SENDER_LATE_MS = 500;

type RelayName = 'transwrap' | 'baseline';
type Kind = MediaKind;

interface RampPlan {
  relay: RelayName;
  kind: Kind;
  steps: number[];
  budgetMs: number;
}

const TARGETS = {
  copyStreamsPerCore: 30,
  /** Per core of the relay's own CPU: with nothing to transcode, FFmpeg only remuxes. */
  copyBothStreamsPerRelayCore: 100,
  copyDelayP95Ms: 150,
  copyRssMbPerStream: 40,
  transcodeStreamsPerCore: 4,
};
/** The load the targets are read at: the streams-per-core target on this machine's cores. */
const targetLoad = (kind: Kind) =>
  (kind === 'vp8' ? TARGETS.transcodeStreamsPerCore : TARGETS.copyStreamsPerCore) * CPUS;
/** The ladders always include the target load. */
const ladder = (steps: number[], kind: Kind) =>
  [...new Set([...steps, targetLoad(kind)])].sort((a, b) => a - b);

const COPY = { steps: ladder([5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 'h264'), budgetMs: 130_000 };
const TRANSCODE = { steps: ladder([1, 2, 4, 6, 8, 10, 12], 'vp8'), budgetMs: 65_000 };
const RAMPS: RampPlan[] = [
  { relay: 'transwrap', kind: 'h264', ...COPY },
  { relay: 'transwrap', kind: 'h264-aac', ...COPY },
  { relay: 'baseline', kind: 'h264', ...COPY },
  { relay: 'transwrap', kind: 'vp8', ...TRANSCODE },
  { relay: 'baseline', kind: 'vp8', ...TRANSCODE },
];
/** Each file outlasts the longest a stream may run: its ramp's budget plus one step (retries start anew). */
const MEDIA_SECONDS: Record<Kind, number> = { h264: 170, 'h264-aac': 170, vp8: 100 };

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function mapLimit<T, R>(items: T[], limit: number, run: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index]!, index);
      }
    }),
  );
  return results;
}

interface Seller {
  client: ApolloClient;
  /** The seller's Cognito ID token: startBroadcast's auth, and `hello` names the seller with it. */
  token: string;
  owned: number;
}

/** Channels for the streams: sellers (20 channels each at most) are created as needed. */
class Channels {
  private readonly sellers: Seller[] = [];
  private readonly owners = new Map<string, Seller>();
  private creatingSeller?: Promise<void>;
  private readonly ivs: IvsClient;

  constructor(private readonly info: LocalStackInfo) {
    this.ivs = new IvsClient({
      endpoint: info.ivs.endpoint,
      region: info.region,
      credentials: { ...info.credentials },
    });
  }

  private async seller(): Promise<Seller> {
    for (;;) {
      const free = this.sellers.find((seller) => seller.owned < 20);
      if (free) return free;
      this.creatingSeller ??= (async () => {
        const username = `bench-seller-${this.sellers.length + 1}@example.com`;
        await createUser(this.info, username, 'Bench-seller-1', ['sellers']);
        const token = await signIn(this.info, username, 'Bench-seller-1');
        this.sellers.push({
          client: apolloClient(this.info, authFor(this.info, 'seller', { seller: token })),
          token,
          owned: 0,
        });
      })().finally(() => (this.creatingSeller = undefined));
      await this.creatingSeller;
    }
  }

  /** A new channel and its stream key (read from the local IVS, as its owner could in the console). */
  async create(name: string): Promise<{ channelId: string; key: string }> {
    const seller = await this.seller();
    seller.owned++;
    const created = await call<{ createChannel: { id: string } }>(seller.client, op.CREATE_CHANNEL, { name });
    const channelId = created.data?.createChannel.id;
    if (!channelId) throw new Error(`createChannel failed: ${JSON.stringify(created.errors)}`);
    this.owners.set(channelId, seller);
    const channelArn = `arn:aws:ivs:${this.info.region}:${LOCAL_ACCOUNT_ID}:channel/${channelId}`;
    const { streamKeys } = await this.ivs.send(new ListStreamKeysCommand({ channelArn }));
    const { streamKey } = await this.ivs.send(new GetStreamKeyCommand({ arn: streamKeys?.[0]?.arn }));
    if (!streamKey?.value) throw new Error(`no stream key for ${channelId}`);
    return { channelId, key: streamKey.value };
  }

  ownerOf(channelId: string): Seller {
    const owner = this.owners.get(channelId);
    if (!owner) throw new Error(`unknown channel ${channelId}`);
    return owner;
  }

  stop(): void {
    for (const seller of this.sellers) seller.client.stop();
    this.ivs.destroy();
  }
}

interface Relay {
  name: RelayName;
  pid: number;
  /** Connects the stream and starts its relay; resolves once the relay says it is ready. */
  open(stream: BenchStream): Promise<void>;
}

function transwrapRelay(process: TranswrapProcess, channels: Channels): Relay {
  return {
    name: 'transwrap',
    pid: process.pid,
    async open(stream) {
      const seller = channels.ownerOf(stream.channelId);
      const ticket = await call<{ startBroadcast: { token: string; url: string } }>(
        seller.client,
        op.START_BROADCAST,
        { channelId: stream.channelId },
      );
      const broadcast = ticket.data?.startBroadcast;
      if (!broadcast) throw new Error(`startBroadcast failed: ${JSON.stringify(ticket.errors)}`);
      const client = new IngestClient(broadcast.url);
      stream.attach(client.socket);
      await client.hello(broadcast.token, stream.media.media, seller.token);
      await client.next('ready', LIVE_TIMEOUT_MS);
    },
  };
}

function baselineRelay(child: ChildProcess, port: number, tapPort: number): Relay {
  return {
    name: 'baseline',
    pid: child.pid ?? 0,
    async open(stream) {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
      stream.attach(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      const ready = new Promise<void>((resolve, reject) => {
        socket.once('message', () => resolve());
        socket.once('close', (code) => reject(new Error(`closed ${code}`)));
      });
      socket.send(
        JSON.stringify({
          type: 'start',
          output: `rtmps://127.0.0.1:${tapPort}/app/${stream.key}`,
          video: stream.media.media.video,
        }),
      );
      await ready;
    },
  };
}

async function startBaseline(ffmpeg: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(__dirname, 'baseline-relay.ts'), [], {
    execArgv: ['--import', require.resolve('tsx')],
    env: { ...process.env, FFMPEG_PATH: ffmpeg },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the baseline relay did not start')), 30_000);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => reject(new Error(`the baseline relay exited (${code})`)));
  });
  return { child, port };
}

interface Tap {
  port: number;
  close(): Promise<void>;
}

/** The tap on its own thread (tap-worker.ts); arrivals come back in batches, stamped there. */
async function startTap(data: TapWorkerData, onVideo: (arrival: VideoArrival) => void): Promise<Tap> {
  const script = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(__dirname, 'tap-worker.ts'))});`;
  const worker = new Worker(script, { eval: true, workerData: data });
  let closed: (() => void) | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: TapWorkerMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else if (message.type === 'video') for (const arrival of message.arrivals) onVideo(arrival);
      else closed?.();
    });
  });
  return {
    port,
    async close() {
      await Promise.race([
        new Promise<void>((resolve) => {
          closed = resolve;
          worker.postMessage({ type: 'close' });
        }),
        sleep(5000),
      ]);
      await worker.terminate();
    },
  };
}

/** transwrap's FFmpeg, but publishing to the tap instead of straight to the ingest's RTMPS port. */
function writeFfmpegWrapper(dir: string, ffmpeg: string, ingestPrefix: string, tapPrefix: string): string {
  const path = join(dir, 'ffmpeg-via-tap.sh');
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      '# bench/transwrap: the same FFmpeg and arguments; the ingest host:port becomes the tap.',
      'for arg do',
      '  shift',
      `  case $arg in ${quote(ingestPrefix)}*) arg=${quote(tapPrefix)}"\${arg#${quote(ingestPrefix)}}" ;; esac`,
      '  set -- "$@" "$arg"',
      'done',
      `exec ${quote(ffmpeg)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}

interface StepResult {
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

/** What the relay's FFmpeg does with each input: copy the video (audio transcoded), copy both, or transcode. */
type RelayMode = 'copy' | 'copy both' | 'transcode';
const RELAY_MODE: Record<Kind, RelayMode> = { h264: 'copy', 'h264-aac': 'copy both', vp8: 'transcode' };

interface RampResult {
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

interface Figures {
  streams: number;
  /** N / the relay's own CPU cores at that step: streams per core if the relay had the cores to itself. */
  streamsPerRelayCore: number;
  cpuPerStreamPct: number;
  rssMbPerStream: number;
  pssMbPerStream: number;
  delayP50Ms: number;
  delayP95Ms: number;
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

interface Snapshot {
  relay: TreeSample;
  stack: TreeSample;
  bench: TreeSample;
  machine: MachineSample;
}

/** Cores used between two snapshots by programs other than the relay, the stack and the bench. */
function othersBetween(before: Snapshot, after: Snapshot): number {
  const ours = (['relay', 'stack', 'bench'] as const).reduce(
    (sum, part) => sum + usageBetween(before[part], after[part]).cores,
    0,
  );
  return machineBusyCores(before.machine, after.machine, CPUS) - ours;
}

class Bench {
  readonly streams = new Map<string, BenchStream>();
  private launched = 0;

  constructor(
    private readonly stack: StackProcess,
    private readonly channels: Channels,
  ) {}

  onVideo(key: string, timestamp: number, at: number): void {
    this.streams.get(key)?.videoArrived(timestamp, at);
  }

  async ramp(plan: RampPlan, relay: Relay, media: IndexedMedia, ffmpegArgs: string): Promise<RampResult> {
    const started = clock();
    const active: BenchStream[] = [];
    const steps: StepResult[] = [];
    let stoppedBecause = 'reached the last step';
    let lastStepMs = 0;
    /** One retry per ramp; its time does not count against the budget (about one step and 25 s). */
    let retried = false;
    let retryMs = 0;
    try {
      for (const target of plan.steps) {
        const elapsed = clock() - started - retryMs;
        if (elapsed + Math.max(lastStepMs, SETTLE_MS + WINDOW_MS) > plan.budgetMs) {
          stoppedBecause = `time budget (${plan.budgetMs / 1000} s) spent`;
          break;
        }
        const stepStart = clock();
        let step: StepResult = await this.step(relay, media, active, target);
        const otherCores = Math.max(step.machine.otherCores, step.machine.otherCoresWithSettle);
        if (!step.keptUp && otherCores > RETRY_OTHER_CORES && !retried) {
          retried = true;
          const retryStart = clock();
          console.error(
            `  ${relay.name} ${plan.kind} N=${target}: fell behind while others used ${otherCores} cores; ` +
              `again with ${target} new streams`,
          );
          // No backlog carries over: every stream is stopped and N new ones start.
          await this.stopAll(active, relay);
          active.splice(0);
          await this.quiet(relay.pid);
          step = {
            ...(await this.step(relay, media, active, target)),
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
      await this.stopAll(active, relay);
    }
    const best = [...steps].reverse().find((step) => step.keptUp);
    const atTarget = steps.find((step) => step.keptUp && step.streams === targetLoad(plan.kind));
    return {
      relay: relay.name,
      input: media.label,
      inputKbps: media.kbps,
      mode: RELAY_MODE[plan.kind],
      ffmpegArgs,
      steps,
      stoppedBecause,
      maxStreams: best?.streams ?? 0,
      maxStreamsPerCore: round((best?.streams ?? 0) / CPUS, 2),
      ...(best && { atMax: figuresAt(best) }),
      ...(atTarget && { atTargetLoad: figuresAt(atTarget) }),
    };
  }

  private async step(
    relay: Relay,
    media: IndexedMedia,
    active: BenchStream[],
    target: number,
  ): Promise<StepResult> {
    const stepStart = clock();
    const reasons: Record<string, number> = {};
    const fail = (reason: string) => (reasons[reason] = (reasons[reason] ?? 0) + 1);

    // New streams: channels first, then connections spread over ~2 s (keyframes out of phase).
    const need = target - active.length;
    const created = await mapLimit(Array.from({ length: need }), 4, () =>
      this.channels.create(`Bench ${++this.launched}`),
    );
    const fresh = created.map(({ channelId, key }) => new BenchStream(channelId, key, media));
    for (const stream of fresh) this.streams.set(stream.key, stream);
    active.push(...fresh);
    const spacing = Math.min(250, 2000 / Math.max(1, need));
    await Promise.all(
      fresh.map(async (stream, index) => {
        await sleep(index * spacing);
        try {
          await relay.open(stream);
          stream.startSending();
        } catch (error) {
          fail(`could not start: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`);
        }
      }),
    );
    const liveBy = clock() + LIVE_TIMEOUT_MS;
    while (active.some((stream) => !stream.live) && clock() < liveBy) await sleep(100);
    const notLive = active.filter((stream) => !stream.live).length;
    if (notLive > 0) reasons[`not live at the tap after ${LIVE_TIMEOUT_MS / 1000} s`] = notLive;
    const settling = this.snapshot(relay.pid);
    await sleep(SETTLE_MS);

    // The window.
    for (const stream of active) if (stream.sender) stream.sender.maxLateMs = 0;
    const first = this.snapshot(relay.pid);
    const from = first.relay.at;
    const rss: TreeUsage[] = [];
    let previous: TreeSample = first.relay;
    while (clock() - from < WINDOW_MS) {
      await sleep(SAMPLE_MS);
      const now = sampleTree(relay.pid);
      rss.push(usageBetween(previous, now));
      previous = now;
    }
    const last = { ...this.snapshot(relay.pid), relay: previous };
    const to = last.relay.at;
    const pssKb = treePssKb(relay.pid);

    // Per-stream verdicts.
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
    const busy = machineBusyCores(first.machine, last.machine, CPUS);
    const stackCores = usageBetween(first.stack, last.stack).cores;
    const benchCores = usageBetween(first.bench, last.bench).cores;
    const otherCores = Math.max(0, busy - usage.cores - stackCores - benchCores);
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
        busyCores: round(busy, 2),
        stackCores: round(stackCores, 2),
        benchCores: round(benchCores, 2),
        otherCores: round(otherCores, 2),
        otherCoresWithSettle: round(Math.max(0, othersBetween(settling, last)), 2),
      },
      seconds: round((clock() - stepStart) / 1000),
    } satisfies StepResult;
  }

  /** CPU counters of the relay's tree, the stack's tree, the bench process and the machine. */
  private snapshot(relayPid: number): Snapshot {
    return {
      relay: sampleTree(relayPid),
      stack: sampleTree(this.stack.pid),
      bench: sampleTree(process.pid, false),
      machine: sampleMachine(),
    };
  }

  /** Waits (up to QUIET_WAIT_MS) for outside load to drop below RETRY_OTHER_CORES. */
  private async quiet(relayPid: number): Promise<void> {
    const by = clock() + QUIET_WAIT_MS;
    for (;;) {
      const before = this.snapshot(relayPid);
      await sleep(2000);
      if (othersBetween(before, this.snapshot(relayPid)) <= RETRY_OTHER_CORES || clock() > by) return;
    }
  }

  /** `stop` to every stream, then waits for the relay's FFmpegs to be gone and the ingest to settle. */
  private async stopAll(active: BenchStream[], relay: Relay): Promise<void> {
    for (const stream of active) stream.stop();
    const by = clock() + 10_000;
    while (active.some((stream) => !stream.closed) && clock() < by) await sleep(100);
    for (const stream of active) if (!stream.closed) stream.socket?.terminate();
    while (descendantsOf(relay.pid).length > 0 && clock() < by + 5000) await sleep(100);
    for (const stream of active) this.streams.delete(stream.key);
    await sleep(3000); // the ingest ends the streams and stops their HLS packagers
  }
}

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? 'n/a' : pass ? 'pass' : 'miss';
}

async function main(): Promise<void> {
  const runStarted = clock();
  const tmp = mkdtempSync(join(tmpdir(), 'golive-bench-transwrap-'));
  const dataDir = join(tmp, 'stack');
  mkdirSync(dataDir);
  const ffmpeg = resolveFfmpeg();
  const loadBefore = loadavg().map((value) => round(value, 2));

  console.error('bench/transwrap: preparing media (cached after the first run)...');
  const media: Record<Kind, IndexedMedia> = {
    h264: indexedMedia('h264', Math.max(MEDIA_SECONDS.h264, COPY.budgetMs / 1000 + 30)),
    'h264-aac': indexedMedia('h264-aac', Math.max(MEDIA_SECONDS['h264-aac'], COPY.budgetMs / 1000 + 30)),
    vp8: indexedMedia('vp8', Math.max(MEDIA_SECONDS.vp8, TRANSCODE.budgetMs / 1000 + 30)),
  };

  let stack: StackProcess | undefined;
  let channels: Channels | undefined;
  let tap: Tap | undefined;
  let transwrap: TranswrapProcess | undefined;
  let baseline: ChildProcess | undefined;
  let bench: Bench | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const stream of bench?.streams.values() ?? []) {
        stream.sender?.stop();
        stream.socket?.terminate();
      }
      const survivors: ProcessId[] = [];
      if (transwrap) {
        survivors.push(...descendantsOf(transwrap.pid));
        const exited = await Promise.race([transwrap.stop(), sleep(10_000).then(() => 'timeout')]);
        if (exited === 'timeout') await transwrap.stop('SIGKILL');
      }
      if (baseline?.pid) {
        survivors.push(...descendantsOf(baseline.pid));
        if (baseline.exitCode === null) {
          const exited = new Promise((resolve) => baseline?.once('exit', resolve));
          baseline.kill('SIGTERM');
          await Promise.race([exited, sleep(5000)]);
          if (baseline.exitCode === null) baseline.kill('SIGKILL');
        }
      }
      for (const survivor of stillRunning(survivors)) process.kill(survivor.pid, 'SIGKILL');
      await tap?.close();
      channels?.stop();
      await stack?.stop();
      rmSync(tmp, { recursive: true, force: true });
    })());
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`bench/transwrap: ${signal}, cleaning up...`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    // Each bench seller streams on all 20 of its channels at once: the stack allows it (the
    // default quota is 2 broadcasts on air per seller, resolvers/src/quotas.ts).
    stack = await startStackProcess({ dataDir, env: { GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER: '20' } });
    const info = stack.info;
    channels = new Channels(info);
    bench = new Bench(stack, channels);
    const tapEvents = bench;
    const ingestDir = dirname(info.ivs.caCertificate);
    tap = await startTap(
      {
        certificate: {
          key: readFileSync(join(ingestDir, 'ingest.key'), 'utf8'),
          cert: readFileSync(info.ivs.caCertificate, 'utf8'),
        },
        upstreamPort: Number(new URL(info.ivs.rtmpUrl).port),
      },
      ({ key, timestamp, at }) => tapEvents.onVideo(key, timestamp, at),
    );
    const tapPort = tap.port;
    const wrapper = writeFfmpegWrapper(
      tmp,
      ffmpeg,
      info.ivs.rtmpsUrl.replace(/\/app\/$/, '/'),
      `rtmps://127.0.0.1:${tapPort}/`,
    );
    transwrap = await spawnTranswrap(info, {
      CAPACITY: '1000',
      MAX_PENDING_PER_ADDRESS: '1000',
      MAX_SESSIONS_PER_ADDRESS: '1000',
      DRAIN_DEADLINE_MS: '2000',
      FFMPEG_PATH: wrapper,
    });
    const started = await startBaseline(ffmpeg);
    baseline = started.child;
    const relays: Record<RelayName, Relay> = {
      transwrap: transwrapRelay(transwrap, channels),
      baseline: baselineRelay(started.child, started.port, tapPort),
    };
    const argsOf = (relay: RelayName, kind: Kind) =>
      relay === 'baseline'
        ? baselineArgs(media[kind].media.video, '<rtmps url>').join(' ')
        : `transwrap/src/relay/ffmpeg-args.ts relayArgs(${JSON.stringify(media[kind].media)})`;

    const ramps: RampResult[] = [];
    for (const plan of RAMPS) {
      console.error(`bench/transwrap: ${plan.relay}, ${plan.kind}, steps ${plan.steps.join(', ')}...`);
      ramps.push(await bench.ramp(plan, relays[plan.relay], media[plan.kind], argsOf(plan.relay, plan.kind)));
    }
    const transwrapErrors = transwrap
      .output()
      .split('\n')
      .filter((line) => line.includes('"error"'));

    const find = (relay: RelayName, mode: RelayMode) =>
      ramps.find((ramp) => ramp.relay === relay && ramp.mode === mode);
    const copy = find('transwrap', 'copy');
    const copyBoth = find('transwrap', 'copy both');
    const transcode = find('transwrap', 'transcode');
    // Delay and memory are read where the targets put them (30 streams per core), else at the max.
    const copyAt = copy?.atTargetLoad ?? copy?.atMax;
    const targets = {
      copyStreamsPerCore: {
        target: `>= ${TARGETS.copyStreamsPerCore}`,
        value: copy?.maxStreamsPerCore,
        result: verdict(copy && copy.maxStreamsPerCore >= TARGETS.copyStreamsPerCore),
      },
      copyDelayP95Ms: {
        target: `< ${TARGETS.copyDelayP95Ms}`,
        atStreams: copyAt?.streams,
        value: copyAt?.delayP95Ms,
        result: verdict(copyAt && copyAt.delayP95Ms < TARGETS.copyDelayP95Ms),
      },
      copyRssMbPerStream: {
        target: `< ${TARGETS.copyRssMbPerStream}`,
        atStreams: copyAt?.streams,
        value: copyAt?.rssMbPerStream,
        result: verdict(copyAt && copyAt.rssMbPerStream < TARGETS.copyRssMbPerStream),
      },
      // RSS counts each FFmpeg's shared libraries in full; PSS shares them out (what the machine pays).
      copyPssMbPerStream: {
        target: `< ${TARGETS.copyRssMbPerStream}`,
        atStreams: copyAt?.streams,
        value: copyAt?.pssMbPerStream,
        result: verdict(copyAt && copyAt.pssMbPerStream < TARGETS.copyRssMbPerStream),
      },
      copyBothStreamsPerRelayCore: {
        target: `>= ${TARGETS.copyBothStreamsPerRelayCore}`,
        value: copyBoth?.atMax?.streamsPerRelayCore,
        result: verdict(
          copyBoth?.atMax && copyBoth.atMax.streamsPerRelayCore >= TARGETS.copyBothStreamsPerRelayCore,
        ),
      },
      transcodeStreamsPerCore: {
        target: `>= ${TARGETS.transcodeStreamsPerCore}`,
        value: transcode?.maxStreamsPerCore,
        result: verdict(transcode && transcode.maxStreamsPerCore >= TARGETS.transcodeStreamsPerCore),
      },
    };
    const result = {
      machine: { cpus: CPUS, model: cpus()[0]?.model, loadAverageBefore: loadBefore },
      method: {
        settleMs: SETTLE_MS,
        windowMs: WINDOW_MS,
        keepsUp: `every stream: >= ${MIN_RELAYED * 100} % of the window's frames relayed, none > ${MAX_DELAY_MS} ms, none missing, still open; bench senders <= ${MAX_SENDER_LATE_MS} ms late; a step that fell behind while other programs used > ${RETRY_OTHER_CORES} cores is run again once with new streams`,
        delay:
          'client WebSocket send of the message completing a video frame -> its last byte at the tap before the ingest',
        perStream: "the relay's process tree (Node + FFmpeg children) over the window, divided by N",
      },
      ramps,
      transwrapErrorLogLines: { count: transwrapErrors.length, last: transwrapErrors.slice(-3) },
      targets,
      seconds: round((clock() - runStarted) / 1000),
    };
    console.log(JSON.stringify(result, null, 2));

    const figures = (at: Figures) =>
      `${at.cpuPerStreamPct}% CPU, ${at.rssMbPerStream} MB RSS (${at.pssMbPerStream} MB PSS) per stream, ` +
      `delay p50 ${at.delayP50Ms} / p95 ${at.delayP95Ms} ms`;
    const describe = (ramp: RampResult | undefined) => {
      if (!ramp) return 'not run';
      const max = ramp.atMax;
      const atTarget = ramp.atTargetLoad;
      return (
        `max ${ramp.maxStreams} streams = ${ramp.maxStreamsPerCore}/core` +
        (max ? ` (${max.streamsPerRelayCore}/core of relay CPU; ${figures(max)})` : '') +
        (atTarget && atTarget.streams !== max?.streams
          ? `, at ${atTarget.streams}: ${figures(atTarget)}`
          : '')
      );
    };
    const outcome = (name: keyof typeof targets) => targets[name].result;
    console.log(
      `transwrap: copy ${describe(copy)} [targets: >= ${TARGETS.copyStreamsPerCore}/core ${outcome('copyStreamsPerCore')}, ` +
        `p95 < ${TARGETS.copyDelayP95Ms} ms ${outcome('copyDelayP95Ms')}, < ${TARGETS.copyRssMbPerStream} MB ` +
        `RSS ${outcome('copyRssMbPerStream')} / PSS ${outcome('copyPssMbPerStream')}, at ${copyAt?.streams ?? '-'} streams]; ` +
        `copy both (H.264 + AAC) ${describe(copyBoth)} [target >= ${TARGETS.copyBothStreamsPerRelayCore}/core of relay CPU ${outcome('copyBothStreamsPerRelayCore')}]; ` +
        `VP8 transcode ${describe(transcode)} [target >= ${TARGETS.transcodeStreamsPerCore}/core ${outcome('transcodeStreamsPerCore')}]; ` +
        `baseline (old sample args): copy ${describe(find('baseline', 'copy'))}; transcode ${describe(find('baseline', 'transcode'))}`,
    );
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
