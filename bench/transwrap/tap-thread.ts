/**
 * The tap (rtmp-tap.ts) on a thread of its own (tap-worker.ts), so that a frame's arrival is
 * stamped by an event loop that does nothing else; arrivals come back here in batches.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { VideoArrival } from './rtmp-tap';
import type { TapWorkerData, TapWorkerMessage } from './tap-worker';

export interface Tap {
  port: number;
  close(): Promise<void>;
}

export async function startTap(data: TapWorkerData, onVideo: (arrival: VideoArrival) => void): Promise<Tap> {
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
