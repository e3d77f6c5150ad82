/**
 * The set-up (one process tree, all on 127.0.0.1): a local stack; a real transwrap process
 * (CAPACITY and the per-address limits raised); the baseline relay; and the tap in front of the
 * local IVS ingest, on a thread of its own. transwrap's FFmpeg publishes to the tap
 * (ffmpeg-via-tap.ts); the baseline publishes to it directly, with the stream key the bench reads
 * from the local IVS. The tap terminates TLS with the ingest's certificate and forwards every byte
 * as it arrives to the local IVS's RTMP port, which takes the stream live and packages HLS as
 * usual. Stopping is safe at any point of starting, and more than once (a signal and the run's end).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveFfmpeg } from '@golive/common/binaries';
import { descendantsOf, stillRunning, type ProcessId } from '@golive/local/testing/process-tree';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';
import { spawnTranswrap, type TranswrapProcess } from '@golive/transwrap/testing/transwrap-process';
import { Channels } from './channels';
import { writeFfmpegWrapper } from './ffmpeg-via-tap';
import { LoadMeter } from './machine-load';
import { baselineRelay, startBaseline, transwrapRelay, type Relay, type RelayName } from './relays';
import { StreamPool } from './stream-pool';
import { startTap, type Tap } from './tap-thread';

export interface Running {
  relays: Record<RelayName, Relay>;
  pool: StreamPool;
  load: LoadMeter;
  transwrap: TranswrapProcess;
}

export class Rig {
  private readonly tmp = mkdtempSync(join(tmpdir(), 'golive-bench-transwrap-'));
  private stack?: StackProcess;
  private channels?: Channels;
  private pool?: StreamPool;
  private tap?: Tap;
  private transwrap?: TranswrapProcess;
  private baseline?: ChildProcess;
  private stopping?: Promise<void>;

  async start(): Promise<Running> {
    const dataDir = join(this.tmp, 'stack');
    mkdirSync(dataDir);
    const ffmpeg = resolveFfmpeg();
    // Each bench seller streams on all 20 of its channels at once: the stack allows it (the
    // default quota is 2 broadcasts on air per seller, resolvers/src/quotas.ts).
    const stack = (this.stack = await startStackProcess({
      dataDir,
      env: { GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER: '20' },
    }));
    const info = stack.info;
    const channels = (this.channels = new Channels(info));
    const pool = (this.pool = new StreamPool(channels));
    const ingestDir = dirname(info.ivs.caCertificate);
    const tap = (this.tap = await startTap(
      {
        certificate: {
          key: readFileSync(join(ingestDir, 'ingest.key'), 'utf8'),
          cert: readFileSync(info.ivs.caCertificate, 'utf8'),
        },
        upstreamPort: Number(new URL(info.ivs.rtmpUrl).port),
      },
      (arrival) => pool.onVideo(arrival),
    ));
    const wrapper = writeFfmpegWrapper(
      this.tmp,
      ffmpeg,
      info.ivs.rtmpsUrl.replace(/\/app\/$/, '/'),
      `rtmps://127.0.0.1:${tap.port}/`,
    );
    const transwrap = (this.transwrap = await spawnTranswrap(info, {
      CAPACITY: '1000',
      MAX_PENDING_PER_ADDRESS: '1000',
      MAX_SESSIONS_PER_ADDRESS: '1000',
      DRAIN_DEADLINE_MS: '2000',
      FFMPEG_PATH: wrapper,
    }));
    const baseline = await startBaseline(ffmpeg);
    this.baseline = baseline.child;
    return {
      relays: {
        transwrap: transwrapRelay(transwrap, channels),
        baseline: baselineRelay(baseline.child, baseline.port, tap.port),
      },
      pool,
      load: new LoadMeter(stack.pid),
      transwrap,
    };
  }

  stop(): Promise<void> {
    return (this.stopping ??= this.stopAll());
  }

  private async stopAll(): Promise<void> {
    const { transwrap, baseline } = this;
    this.pool?.abandonAll();
    // Relays' FFmpegs outlive a relay killed with SIGKILL: they are looked for before it goes.
    const survivors: ProcessId[] = [];
    if (transwrap) {
      survivors.push(...descendantsOf(transwrap.pid));
      const exited = await Promise.race([transwrap.stop(), sleep(10_000).then(() => 'timeout')]);
      if (exited === 'timeout') await transwrap.stop('SIGKILL');
    }
    if (baseline?.pid) {
      survivors.push(...descendantsOf(baseline.pid));
      if (baseline.exitCode === null) {
        const exited = new Promise((resolve) => baseline.once('exit', resolve));
        baseline.kill('SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (baseline.exitCode === null) baseline.kill('SIGKILL');
      }
    }
    for (const survivor of stillRunning(survivors)) process.kill(survivor.pid, 'SIGKILL');
    await this.tap?.close();
    this.channels?.stop();
    await this.stack?.stop();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
