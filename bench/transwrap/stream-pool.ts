/**
 * Every stream the bench has on air, by stream key: the tap names a frame's stream only by its
 * key. Launches new streams on new channels and stops them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { descendantsOf } from '@golive/local/testing/process-tree';
import type { Channels } from './channels';
import { clock } from './clock';
import type { IndexedMedia } from './media';
import type { Relay } from './relays';
import type { VideoArrival } from './rtmp-tap';
import { BenchStream } from './streams';

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

export class StreamPool {
  private readonly streams = new Map<string, BenchStream>();
  private launched = 0;

  constructor(private readonly channels: Channels) {}

  onVideo({ key, timestamp, at }: VideoArrival): void {
    this.streams.get(key)?.videoArrived(timestamp, at);
  }

  /**
   * `count` new streams sending `media` through `relay`; with why each that could not start
   * failed. Channels first, then connections spread over ~2 s, so keyframes do not line up.
   */
  async launch(
    count: number,
    media: IndexedMedia,
    relay: Relay,
  ): Promise<{ streams: BenchStream[]; failures: string[] }> {
    const created = await mapLimit(Array.from({ length: count }), 4, () =>
      this.channels.create(`Bench ${++this.launched}`),
    );
    const streams = created.map(({ channelId, key }) => new BenchStream(channelId, key, media));
    for (const stream of streams) this.streams.set(stream.key, stream);
    const failures: string[] = [];
    const spacing = Math.min(250, 2000 / Math.max(1, count));
    await Promise.all(
      streams.map(async (stream, index) => {
        await sleep(index * spacing);
        try {
          await relay.open(stream);
          stream.startSending();
        } catch (error) {
          failures.push(error instanceof Error ? error.message.slice(0, 80) : String(error));
        }
      }),
    );
    return { streams, failures };
  }

  /** `stop` to every stream, then waits for the relay's FFmpegs to be gone and the ingest to settle. */
  async stop(streams: BenchStream[], relay: Relay): Promise<void> {
    for (const stream of streams) stream.stop();
    const by = clock() + 10_000;
    while (streams.some((stream) => !stream.closed) && clock() < by) await sleep(100);
    for (const stream of streams) if (!stream.closed) stream.socket?.terminate();
    while (descendantsOf(relay.pid).length > 0 && clock() < by + 5000) await sleep(100);
    for (const stream of streams) this.streams.delete(stream.key);
    await sleep(3000); // the ingest ends the streams and stops their HLS packagers
  }

  /** On the way out: no goodbyes, every sender and socket ends now. */
  abandonAll(): void {
    for (const stream of this.streams.values()) {
      stream.sender?.stop();
      stream.socket?.terminate();
    }
  }
}
