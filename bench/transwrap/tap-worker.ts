/**
 * Runs the tap (rtmp-tap.ts) on a thread of its own, so that the moment a frame reaches it is
 * stamped by an event loop that does nothing else (not the one sending 3 Mbps per stream). Arrivals
 * are stamped with clock() as the bytes come in and posted to the bench in batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RtmpTap, type VideoArrival } from './rtmp-tap';

export interface TapWorkerData {
  certificate: { key: string; cert: string };
  upstreamPort: number;
}

export type TapWorkerMessage =
  { type: 'listening'; port: number } | { type: 'video'; arrivals: VideoArrival[] } | { type: 'closed' };

const BATCH_MS = 20;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('tap-worker.ts runs as a worker thread');
  const { certificate, upstreamPort } = workerData as TapWorkerData;
  let pending: VideoArrival[] = [];
  const tap = new RtmpTap(certificate, upstreamPort, (arrival) => pending.push(arrival));
  const post = (message: TapWorkerMessage) => port.postMessage(message);
  const flush = setInterval(() => {
    if (pending.length === 0) return;
    post({ type: 'video', arrivals: pending });
    pending = [];
  }, BATCH_MS);
  port.on('message', (message: { type: string }) => {
    if (message.type !== 'close') return;
    clearInterval(flush);
    void tap.close().then(() => post({ type: 'closed' }));
  });
  post({ type: 'listening', port: await tap.listen() });
}

void main();
