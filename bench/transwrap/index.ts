/**
 * bench/transwrap: how many live broadcasts one transwrap relays per core, at what CPU, memory and
 * added delay, beside the relay of the sample it replaces.
 *
 * rig.ts starts the relays and the tap that sees each frame reach the ingest; plan.ts says which
 * ramps run (transwrap copy, copy both and VP8 transcode; the baseline's copy and transcode);
 * ramp.ts steps each up until it falls behind, step.ts measures a step by method.ts;
 * targets.ts judges the figures and report.ts prints them. Each broadcaster (streams.ts) sends its
 * file from the start at recorded pace in 100 ms messages (a MediaRecorder timeslice of 100 ms).
 *
 * Media files are made once and cached under .cache/media (about a minute); a run then takes
 * 8-11 minutes.
 */
import { loadavg } from 'node:os';
import { round } from '../src/stats';
import { clock } from './clock';
import { indexedMedia, type IndexedMedia, type MediaKind } from './media';
import { mediaSeconds, RAMPS } from './plan';
import { runRamp, type RampResult } from './ramp';
import { printReport } from './report';
import { Rig } from './rig';

async function main(): Promise<void> {
  const startedAt = clock();
  const loadAverageBefore = loadavg().map((value) => round(value, 2));

  console.error('bench/transwrap: preparing media (cached after the first run)...');
  const media: Record<MediaKind, IndexedMedia> = {
    h264: indexedMedia('h264', mediaSeconds('h264')),
    'h264-aac': indexedMedia('h264-aac', mediaSeconds('h264-aac')),
    vp8: indexedMedia('vp8', mediaSeconds('vp8')),
  };

  const rig = new Rig();
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`bench/transwrap: ${signal}, cleaning up...`);
    void rig.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const { relays, pool, load, transwrap } = await rig.start();
    const ramps: RampResult[] = [];
    for (const plan of RAMPS) {
      console.error(`bench/transwrap: ${plan.relay}, ${plan.kind}, steps ${plan.steps.join(', ')}...`);
      ramps.push(await runRamp(plan, { relay: relays[plan.relay], media: media[plan.kind], pool, load }));
    }
    const transwrapErrors = transwrap
      .output()
      .split('\n')
      .filter((line) => line.includes('"error"'));
    printReport({ ramps, transwrapErrors, loadAverageBefore, startedAt });
  } finally {
    await rig.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
