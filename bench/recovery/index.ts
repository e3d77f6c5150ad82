/**
 * bench/recovery: how long each fault the transwrap tests recover from takes to heal, seen from
 * the broadcaster and from a viewer. A local stack runs three transwrap instances (as ECS runs
 * tasks); a broadcaster streams 720p30 WebM H.264+Opus at real-time pace; then, one at a time:
 *  - publisher-kill: the relay's FFmpeg sending to IVS is killed (transwrap redials: IVS sees a
 *    new stream);
 *  - source-kill: the relay's FFmpeg reading the broadcaster's media is killed (transwrap starts
 *    another; the stream to IVS goes on);
 *  - socket-drop: the broadcaster's WebSocket dies without a close frame; it resumes at once;
 *  - seller-away: the same, but the broadcaster resumes only 10 s later (the slate is on air);
 *  - kill-9: the broadcaster's transwrap instance is killed; the broadcaster tries to resume, is
 *    refused, gets a new ticket and starts over on another instance;
 *  - sigterm: the broadcaster's instance is told to stop; on `drain` the broadcaster moves.
 * For each: ms from the fault to the broadcaster being relayed again (`ready`, or `stats.rtmp`
 * live after a restart), to the channel being LIVE again in onChannelStatus (if it left LIVE), and
 * what a viewer notices: the longest wait between two new HLS segments across the fault
 * (`hlsStallMs`: a stall), beside the usual wait before it (`hlsIntervalMs`, about one 2 s
 * segment), and how much of what they were shown instead was the slate (`slateMs`: the HLS
 * periods between the seller's, each after an EXT-X-DISCONTINUITY).
 *
 * The channel, its viewer and the ticket are the fault tests' own (transwrap/src/testing/
 * test-broadcast.ts), so the bench measures the setting the tests prove.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { identities } from '@golive/local/testing/api-clients';
import type { ApiStack } from '@golive/local/testing/api-stack';
import { readStackInfo } from '@golive/local/stack-info';
import { startStackProcess } from '@golive/local/testing/stack-process';
import { until } from '@golive/common/testing/poll';
import { IngestClient } from '@golive/transwrap/testing/ingest-client';
import { relayProcesses } from '@golive/transwrap/testing/relay-processes';
import { watchedChannel, type WatchedChannel } from '@golive/transwrap/testing/test-broadcast';
import { browserMedia } from '@golive/transwrap/testing/test-media';
import type { ServerMessage } from '@golive/transwrap/protocol/messages';
import { ms, summary } from '../src/stats';

const REPEATS = 3;
/** How long a broadcast runs before its fault: a few segments, whose gaps are the usual wait. */
const BEFORE_FAULT_MS = 4500;
/** How long the seller-away fault keeps the broadcaster away before it resumes. */
const SELLER_AWAY_MS = 10_000;

interface Recovery {
  fault: string;
  relayedAgainMs: number;
  liveAgainMs?: number;
  hlsStallMs: number;
  hlsIntervalMs: number;
  slateMs: number;
}

interface ListedSegment {
  uri: string;
  listedAt: number;
  /** Counts the discontinuities before it: the seller's media and the slate alternate. */
  period: number;
  durationMs: number;
}

/** The segments a playlist lists, with the period (discontinuity sequence) each is in. */
function segmentsOf(playlist: string): Omit<ListedSegment, 'listedAt'>[] {
  const lines = playlist.split('\n');
  let period = Number(/^#EXT-X-DISCONTINUITY-SEQUENCE:(\d+)/m.exec(playlist)?.[1] ?? 0);
  return lines.flatMap((line, index) => {
    if (line === '#EXT-X-DISCONTINUITY') period++;
    const duration = /^#EXTINF:([\d.]+)/.exec(line)?.[1];
    const uri = lines[index + 1];
    return duration && uri ? [{ uri, period, durationMs: Number(duration) * 1000 }] : [];
  });
}

/**
 * Notes when each HLS segment is first listed, polling the playlist every 50 ms (the stall is
 * measured to that grain). A new stream numbers its segments from 0 again, so "new" means: not
 * in the previous poll's list.
 */
function watchSegments(playbackUrl: string) {
  const listed: ListedSegment[] = [];
  let previous = new Set<string>();
  let watching = true;
  void (async () => {
    while (watching) {
      const response = await fetch(playbackUrl).catch(() => undefined);
      if (response?.ok) {
        const now = performance.now();
        const segments = segmentsOf(await response.text());
        for (const segment of segments)
          if (!previous.has(segment.uri)) listed.push({ ...segment, listedAt: now });
        previous = new Set(segments.map((segment) => segment.uri));
      }
      await sleep(50);
    }
  })();
  const times = () => listed.map((segment) => segment.listedAt).sort((a, b) => a - b);
  return {
    /** Waits for `count` segments listed after `since`, then stops watching. */
    async settle(since: number, count = 3): Promise<void> {
      await until('new HLS segments', () => times().filter((at) => at > since).length >= count, 30_000);
      watching = false;
    },
    /** The longest gap between new segments from the last one before the fault on, and the usual gap before it. */
    figures(faultAt: number): { hlsStallMs: number; hlsIntervalMs: number; slateMs: number } {
      const all = times();
      const before = all.filter((at) => at <= faultAt);
      const across = [...before.slice(-1), ...all.filter((at) => at > faultAt)];
      const gaps = (list: number[]) => list.slice(1).map((at, index) => at - list[index]!);
      // The slate's periods are the ones between the seller's last before the fault and first after.
      const after = listed.filter((segment) => segment.listedAt > faultAt);
      const periods = after.map((segment) => segment.period);
      const [first, last] = [Math.min(...periods), Math.max(...periods)];
      const slate = after.filter((segment) => segment.period > first && segment.period < last);
      return {
        hlsStallMs: ms(Math.max(...gaps(across))),
        hlsIntervalMs: summary(gaps(before)).p50,
        slateMs: ms(slate.reduce((sum, segment) => sum + segment.durationMs, 0)),
      };
    },
  };
}

/**
 * A broadcaster on a watched channel. Unlike the tests' broadcastOn, its recording (60 s) outlasts
 * a fault and the segments after it, and it keeps what resuming needs: the `ready` and when the
 * recording started.
 */
class Broadcast {
  client!: IngestClient;
  ready!: Extract<ServerMessage, { type: 'ready' }>;
  url = '';
  private startedAt = 0;

  constructor(
    readonly watched: WatchedChannel,
    private readonly accessToken: string,
    private readonly media: ReturnType<typeof browserMedia>,
  ) {}

  /** A new session: new ticket, hello, media from the container's start. */
  async start(): Promise<void> {
    const ticket = await this.watched.ticket();
    this.url = ticket.url;
    this.client = new IngestClient(ticket.url);
    await this.client.hello(ticket.ticket, this.media.media, this.accessToken);
    this.ready = await this.client.next('ready');
    this.startedAt = Date.now();
    void this.client.sendFile(this.media.path, this.media.seconds);
  }

  /** The same session on a new socket, media carrying on from where the recording is now. */
  async resume(): Promise<void> {
    const client = new IngestClient(this.url);
    await client.resume(this.ready);
    this.ready = await client.next('ready');
    this.client = client;
    const fromSecond = (Date.now() - this.startedAt) / 1000;
    void client.sendFile(this.media.path, this.media.seconds, 32 * 1024, fromSecond);
  }

  /** Ends the broadcast and the viewer's subscription. */
  async end(): Promise<void> {
    if (this.client.socket.readyState === this.client.socket.OPEN) {
      this.client.stop();
      await this.client.closed;
    }
    this.watched.status.stop();
  }
}

/** When a fault was dealt and when the broadcaster was relayed again (and the channel LIVE again, if it left LIVE). */
interface Healed {
  faultAt: number;
  relayedAgain: number;
  liveAgain?: number;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'golive-bench-recovery-'));
  const stack = await startStackProcess({ dataDir, env: { TRANSWRAP_INSTANCES: '3' } });
  const who = await identities(stack.info);
  const api: ApiStack = { stack, who, dataDir };
  const results: Recovery[] = [];
  const media = browserMedia('chrome-h264', 60);
  // After kill-9 the stack replaces the instance under a new address, which the start-up info
  // does not list: local-stack.json has the current ones.
  const instanceOf = (url: string) =>
    readStackInfo(dataDir)!.transwrap.find((instance) => instance.url === url)!;

  /** A new live broadcast, `fault` dealt to it after a while, and how it healed. */
  const recover = async (fault: string, channel: string, deal: (broadcast: Broadcast) => Promise<Healed>) => {
    const watched = await watchedChannel(api, channel);
    const broadcast = new Broadcast(watched, who.tokens.seller, media);
    await broadcast.start();
    await watched.liveAgain(0, 30_000);
    const segments = watchSegments(watched.channel.playbackUrl);
    await sleep(BEFORE_FAULT_MS);
    const { faultAt, relayedAgain, liveAgain } = await deal(broadcast);
    await segments.settle(relayedAgain);
    results.push({
      fault,
      relayedAgainMs: ms(relayedAgain - faultAt),
      ...(liveAgain !== undefined && { liveAgainMs: ms(liveAgain - faultAt) }),
      ...segments.figures(faultAt),
    });
    await broadcast.end();
  };

  /** Waits for the channel's next LIVE after the ones seen before the fault. */
  const liveAgainAfter = async (broadcast: Broadcast, lives: number) => {
    await broadcast.watched.liveAgain(lives, 30_000);
    return performance.now();
  };

  try {
    for (const role of ['publisher', 'source'] as const)
      for (let run = 0; run < REPEATS; run++)
        await recover(`${role}-kill`, `${role} kill ${run}`, async (broadcast) => {
          const lives = broadcast.watched.liveCount();
          const [relay] = relayProcesses(instanceOf(broadcast.url).pid, role);
          const faultAt = performance.now();
          process.kill(relay!.pid, 'SIGKILL');
          await broadcast.client.relayRestarted();
          const relayedAgain = performance.now();
          // Only a new stream to IVS (a new publisher) leaves LIVE; a new source does not, unless
          // the slate came on meanwhile.
          if (role === 'source' && broadcast.watched.liveCount() === lives) return { faultAt, relayedAgain };
          return { faultAt, relayedAgain, liveAgain: await liveAgainAfter(broadcast, lives) };
        });

    for (const [fault, awayMs] of [
      ['socket-drop', 0],
      ['seller-away', SELLER_AWAY_MS],
    ] as const)
      for (let run = 0; run < REPEATS; run++)
        await recover(fault, `${fault} ${run}`, async (broadcast) => {
          const lives = broadcast.watched.liveCount();
          const faultAt = performance.now();
          broadcast.client.socket.terminate();
          await sleep(awayMs);
          await broadcast.resume();
          const relayedAgain = performance.now();
          if (awayMs === 0) return { faultAt, relayedAgain };
          // The slate was on air: the channel is LIVE again once the seller is back on it.
          return { faultAt, relayedAgain, liveAgain: await liveAgainAfter(broadcast, lives) };
        });

    for (const fault of ['kill-9', 'sigterm'] as const)
      await recover(fault, fault, async (broadcast) => {
        const lives = broadcast.watched.liveCount();
        const victim = instanceOf(broadcast.url);
        const faultAt = performance.now();
        if (fault === 'kill-9') {
          process.kill(victim.pid, 'SIGKILL');
          await broadcast.client.closed;
          await broadcast.resume().catch(() => undefined); // refused: nobody is there any more
        } else {
          process.kill(victim.pid, 'SIGTERM');
          await broadcast.client.next('drain');
          broadcast.client.socket.close(1000, 'moving');
        }
        // The new ticket must point elsewhere: until the registry hears of the fault, try again.
        for (;;) {
          await broadcast.start().catch(() => undefined);
          if (
            broadcast.url !== victim.url &&
            broadcast.client.socket.readyState === broadcast.client.socket.OPEN
          )
            break;
          await sleep(100);
        }
        const relayedAgain = performance.now();
        return { faultAt, relayedAgain, liveAgain: await liveAgainAfter(broadcast, lives) };
      });
  } finally {
    who.stop();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const byFault = Object.fromEntries(
    [...new Set(results.map((result) => result.fault))].map((fault) => {
      const runs = results.filter((result) => result.fault === fault);
      const live = runs.flatMap((run) => (run.liveAgainMs === undefined ? [] : [run.liveAgainMs]));
      return [
        fault,
        {
          relayedAgainMs: summary(runs.map((run) => run.relayedAgainMs)),
          ...(live.length > 0 ? { liveAgainMs: summary(live) } : {}),
          hlsStallMs: summary(runs.map((run) => run.hlsStallMs)),
          hlsIntervalMs: summary(runs.map((run) => run.hlsIntervalMs)),
          slateMs: summary(runs.map((run) => run.slateMs)),
        },
      ];
    }),
  );
  console.log(JSON.stringify({ runs: results, byFault }, null, 2));
  console.log(
    `recovery: ${Object.entries(byFault)
      .map(
        ([fault, figures]) =>
          `${fault}: relayed again ${figures.relayedAgainMs.p50} ms, viewer stall ${figures.hlsStallMs.p50} ms (usual ${figures.hlsIntervalMs.p50}), slate ${figures.slateMs.p50} ms`,
      )
      .join('; ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
