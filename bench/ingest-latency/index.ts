/**
 * bench/ingest-latency: how soon a frame a broadcaster sends can be fetched by a viewer.
 * FFmpeg publishes 30 s of 720p30 H.264 + AAC with the stream time burned into the picture, at
 * real-time pace, over RTMPS to the local IVS (keyframe every 2 s, as IVS asks). The playlist is
 * polled every 50 ms; when a partial segment (what a low-latency player fetches) first appears,
 * every video frame in it counts as fetchable from that moment. Delay = that moment - when the frame was sent (publisher start + the frame's
 * stream time), so FFmpeg's own start-up counts against us. Target: p50 at most 2 s.
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveFfmpeg, resolveFfprobe } from '@golive/common/binaries';
import { call, identities, registerTestEndpoint } from '@golive/local/testing/api-clients';
import * as op from '@golive/common/api-operations';
import { startStackProcess } from '@golive/local/testing/stack-process';
import { partUris, playableMedia } from '@golive/common/testing/hls-playlist';
import { summary } from '../src/stats';

const SECONDS = 30;
const run = promisify(execFile);

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'golive-bench-ingest-'));
  const stack = await startStackProcess({ dataDir });
  const who = await identities(stack.info);
  try {
    await registerTestEndpoint(who.clients.service, 'tw-bench', 10);
    const channel = (
      await call<{ createChannel: { id: string; playbackUrl: string } }>(
        who.clients.seller,
        op.CREATE_CHANNEL,
        { name: 'Latency' },
      )
    ).data!.createChannel;
    const ticket = (
      await call<{ startBroadcast: { ticket: string } }>(who.clients.seller, op.START_BROADCAST, {
        channelId: channel.id,
      })
    ).data!.startBroadcast;
    const ingest = (
      await call<{ claimIngest: { ingestUrl: string; streamKey: string } }>(
        who.clients.service,
        op.CLAIM_INGEST,
        {
          ticket: ticket.ticket,
          endpointId: 'tw-bench',
        },
      )
    ).data!.claimIngest;

    const sentAt = performance.now();
    const publisher = spawn(
      resolveFfmpeg(),
      [
        ...['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi'],
        ...[
          '-i',
          "testsrc2=size=1280x720:rate=30,drawtext=text='%{pts\\:hms}':fontsize=64:fontcolor=white:box=1:boxcolor=black:x=40:y=40",
        ],
        ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(SECONDS)],
        ...[
          '-c:v',
          'libx264',
          '-preset',
          'veryfast',
          '-tune',
          'zerolatency',
          '-pix_fmt',
          'yuv420p',
          '-g',
          '60',
          '-b:v',
          '3000k',
        ],
        ...['-c:a', 'aac', '-f', 'flv', `${ingest.ingestUrl}${ingest.streamKey}`],
      ],
      { stdio: 'ignore' },
    );
    const done = new Promise((resolve) => publisher.once('exit', resolve));

    // Each part is fetched as soon as it is listed (old ones are deleted as the window slides).
    const seen = new Map<string, { appearedAt: number; body: Promise<Buffer | undefined> }>();
    let finished = false;
    void done.then(() => (finished = true));
    // One more look after the publisher ends, for the last part.
    for (let last = false; !last;) {
      last = finished;
      if (last) await new Promise((resolve) => setTimeout(resolve, 1000));
      const response = await fetch(channel.playbackUrl).catch(() => undefined);
      if (response?.ok) {
        const appearedAt = performance.now();
        const playlist = await response.text();
        for (const part of partUris(playlist)) {
          if (seen.has(part)) continue;
          seen.set(part, { appearedAt, body: playableMedia(channel.playbackUrl, playlist, part) });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const delays: number[] = [];
    let firstPts: number | undefined;
    for (const { appearedAt, body } of [...seen.values()].sort((a, b) => a.appearedAt - b.appearedAt)) {
      const bytes = await body;
      if (!bytes) continue;
      const file = join(dataDir, 'part.mp4');
      writeFileSync(file, bytes);
      const { stdout } = await run(resolveFfprobe(), [
        '-v',
        'error',
        '-select_streams',
        'v',
        '-show_entries',
        'packet=pts_time',
        '-of',
        'csv=p=0',
        file,
      ]);
      for (const pts of stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => parseFloat(line))) {
        firstPts ??= pts;
        delays.push(appearedAt - (sentAt + (pts - firstPts) * 1000));
      }
    }
    const result = {
      frames: delays.length,
      parts: seen.size,
      delayMs: summary(delays),
      targetP50Ms: 2000,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `ingest-latency: frame sent -> fetchable in HLS p50 ${result.delayMs.p50} ms, p95 ${result.delayMs.p95} ms over ${result.frames} frames (target p50 <= 2000 ms)`,
    );
  } finally {
    who.stop();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
