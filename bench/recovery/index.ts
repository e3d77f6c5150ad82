/**
 * bench/recovery: how long each fault the transwrap tests recover from takes to heal, seen from
 * the broadcaster and from a viewer. A local stack runs three transwrap instances (as ECS runs
 * tasks); a broadcaster streams 720p30 WebM H.264+Opus at real-time pace; then, one at a time:
 *  - ffmpeg-kill: the relay's FFmpeg is killed (transwrap restarts it by itself);
 *  - socket-drop: the broadcaster's WebSocket dies without a close frame; it resumes at once;
 *  - kill-9: the broadcaster's transwrap instance is killed; the broadcaster tries to resume, is
 *    refused, gets a new ticket and starts over on another instance;
 *  - sigterm: the broadcaster's instance is told to stop; on `drain` the broadcaster moves.
 * For each: ms from the fault to the broadcaster being relayed again (`ready`, or `stats.rtmp`
 * live after a restart), to the channel being LIVE again in onChannelStatus (if it left LIVE), and
 * what a viewer notices: the longest wait between two new HLS segments across the fault
 * (`hlsStallMs`), beside the usual wait before it (`hlsIntervalMs`, about one 2 s segment).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, identities, type Identities } from '@golive/local/graphql/testing/api-clients';
import { collect, type Collected } from '@golive/local/graphql/testing/subscriptions';
import { descendantsOf } from '@golive/local/testing/process-tree';
import { startStackProcess } from '@golive/local/testing/stack-process';
import * as op from '@golive/common/api-operations';
import { IngestClient } from '@golive/transwrap/testing/ingest-client';
import { browserMedia } from '@golive/transwrap/testing/test-media';
import type { ServerMessage } from '@golive/transwrap/protocol/messages';
import { segmentUris } from '@golive/common/testing/hls-playlist';
import { ms, summary } from '../src/stats';

const REPEATS = 3;
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

interface Recovery {
  fault: string;
  relayedAgainMs: number;
  liveAgainMs?: number;
  hlsStallMs: number;
  hlsIntervalMs: number;
}

type StatusEvent = { onChannelStatus: { status: string } };

/**
 * Notes when each HLS segment is first listed, polling the playlist every 50 ms. A new stream
 * numbers its segments from 0 again, so "new" means: not in the previous poll's list.
 */
function watchSegments(playbackUrl: string) {
  const listedAt: number[] = [];
  let previous = new Set<string>();
  let watching = true;
  void (async () => {
    while (watching) {
      const response = await fetch(playbackUrl).catch(() => undefined);
      if (response?.ok) {
        const now = performance.now();
        const names = segmentUris(await response.text());
        for (const name of names) if (!previous.has(name)) listedAt.push(now);
        previous = new Set(names);
      }
      await sleep(50);
    }
  })();
  const times = () => [...listedAt].sort((a, b) => a - b);
  return {
    /** Waits for `count` segments listed after `since`, then stops watching. */
    async settle(since: number, count = 3): Promise<void> {
      await until('new HLS segments', () =>
        times().filter((at) => at > since).length >= count ? true : undefined,
      );
      watching = false;
    },
    /** The longest gap between new segments from the last one before the fault on, and the usual gap before it. */
    figures(faultAt: number): { hlsStallMs: number; hlsIntervalMs: number } {
      const all = times();
      const before = all.filter((at) => at <= faultAt);
      const across = [...before.slice(-1), ...all.filter((at) => at > faultAt)];
      const gaps = (list: number[]) => list.slice(1).map((at, index) => at - list[index]!);
      return {
        hlsStallMs: ms(Math.max(...gaps(across))),
        hlsIntervalMs: summary(gaps(before)).p50,
      };
    },
  };
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

class Broadcast {
  client!: IngestClient;
  ready!: Extract<ServerMessage, { type: 'ready' }>;
  url = '';
  private startedAt = 0;

  constructor(
    private readonly who: Identities,
    readonly channel: { id: string; playbackUrl: string },
    readonly status: Collected<StatusEvent>,
    private readonly media: ReturnType<typeof browserMedia>,
  ) {}

  /** A new session: new ticket, hello, media from the container's start. */
  async start(): Promise<void> {
    const ticket = (
      await call<{ startBroadcast: { url: string; token: string } }>(
        this.who.clients.seller,
        op.START_BROADCAST,
        {
          channelId: this.channel.id,
        },
      )
    ).data!.startBroadcast;
    this.url = ticket.url;
    this.client = new IngestClient(ticket.url);
    await this.client.hello(ticket.token, this.media.media, this.who.tokens.seller);
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

  liveCount(): number {
    return this.status.events.filter((event) => event.onChannelStatus.status === 'LIVE').length;
  }

  async stop(): Promise<void> {
    if (this.client.socket.readyState !== this.client.socket.OPEN) return;
    this.client.stop();
    await this.client.closed;
  }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'golive-bench-recovery-'));
  const stack = await startStackProcess({ dataDir, env: { TRANSWRAP_INSTANCES: '3' } });
  const who = await identities(stack.info);
  const results: Recovery[] = [];
  const media = browserMedia('chrome-h264', 60);
  try {
    const newBroadcast = async (name: string) => {
      const channel = (
        await call<{ createChannel: { id: string; playbackUrl: string } }>(
          who.clients.seller,
          op.CREATE_CHANNEL,
          {
            name,
          },
        )
      ).data!.createChannel;
      const status = collect<StatusEvent>(who.clients.viewer, op.ON_CHANNEL_STATUS, { id: channel.id });
      await status.ready;
      const broadcast = new Broadcast(who, channel, status, media);
      await broadcast.start();
      await status.next((event) => event.onChannelStatus.status === 'LIVE', 30_000);
      return broadcast;
    };
    const instanceOf = (url: string) => stack.info.transwrap.find((instance) => instance.url === url)!;

    for (let run = 0; run < REPEATS; run++) {
      const broadcast = await newBroadcast(`FFmpeg kill ${run}`);
      const segments = watchSegments(broadcast.channel.playbackUrl);
      await sleep(4500);
      const lives = broadcast.liveCount();
      const relay = descendantsOf(instanceOf(broadcast.url).pid).find(
        (process) => process.command === 'ffmpeg',
      );
      const faultAt = performance.now();
      process.kill(relay!.pid, 'SIGKILL');
      const relayedAgain = await until('the relay to restart', () => {
        const stats = broadcast.client.messages.filter((message) => message.type === 'stats').at(-1);
        return stats?.type === 'stats' && stats.restarts > 0 && stats.rtmp === 'live'
          ? performance.now()
          : undefined;
      });
      const liveAgain = await until('LIVE again', () =>
        broadcast.liveCount() > lives ? performance.now() : undefined,
      );
      await segments.settle(relayedAgain);
      results.push({
        fault: 'ffmpeg-kill',
        relayedAgainMs: ms(relayedAgain - faultAt),
        liveAgainMs: ms(liveAgain - faultAt),
        ...segments.figures(faultAt),
      });
      await broadcast.stop();
      broadcast.status.stop();
    }

    for (let run = 0; run < REPEATS; run++) {
      const broadcast = await newBroadcast(`Socket drop ${run}`);
      const segments = watchSegments(broadcast.channel.playbackUrl);
      await sleep(4500);
      const faultAt = performance.now();
      broadcast.client.socket.terminate();
      await broadcast.resume();
      const relayedAgain = performance.now();
      await segments.settle(relayedAgain);
      results.push({
        fault: 'socket-drop',
        relayedAgainMs: ms(relayedAgain - faultAt),
        ...segments.figures(faultAt),
      });
      await broadcast.stop();
      broadcast.status.stop();
    }

    for (const fault of ['kill-9', 'sigterm'] as const) {
      const broadcast = await newBroadcast(fault);
      const segments = watchSegments(broadcast.channel.playbackUrl);
      await sleep(4500);
      const lives = broadcast.liveCount();
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
      const liveAgain = await until('LIVE again', () =>
        broadcast.liveCount() > lives ? performance.now() : undefined,
      );
      await segments.settle(relayedAgain);
      results.push({
        fault,
        relayedAgainMs: ms(relayedAgain - faultAt),
        liveAgainMs: ms(liveAgain - faultAt),
        ...segments.figures(faultAt),
      });
      await broadcast.stop();
      broadcast.status.stop();
    }
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
        },
      ];
    }),
  );
  console.log(JSON.stringify({ runs: results, byFault }, null, 2));
  console.log(
    `recovery: ${Object.entries(byFault)
      .map(
        ([fault, figures]) =>
          `${fault}: relayed again ${figures.relayedAgainMs.p50} ms, viewer stall ${figures.hlsStallMs.p50} ms (usual ${figures.hlsIntervalMs.p50})`,
      )
      .join('; ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
