/**
 * bench/glass-to-glass: how far behind the seller each viewer sees, in a real browser, end to end
 * (camera, encoder, WebSocket, transwrap, RTMPS, the local IVS's HLS, Video.js, the screen).
 *
 * Chromium's fake camera carries each frame's number (common/src/testing/frame-code.ts). A seller
 * goes live through the UI; one viewer waits on the watch page before Go live, one joins 20 s into
 * the broadcast, one after 60 s. Every 500 ms the seller's preview and each viewer's <video> are read
 * at the same instant: the difference in frame numbers is that viewer's glass-to-glass latency.
 * Printed per viewer: latency p50/p95 from 10 s after it joined (the targets' "within 10 s"), time to
 * its first frame (from Go live for the waiting viewer, from opening the page for late joiners),
 * stalls (`waiting` after playback started) and the playback rate the player used. Run with the
 * WebCodecs encoder, with MediaRecorder, and with WebCodecs over a poor uplink: the seller's
 * WebSocket reaches transwrap through a proxy that caps it at 2.5 Mbit/s and pauses it 400 ms every
 * 5 s (common/src/testing/tcp-proxy.ts), as a phone's Wi-Fi or cell link does.
 *
 * Targets (issue 19): late joiners p50 <= 2.5 s, p95 <= 3.5 s; waiting viewer p50 <= 2.0 s and first
 * frame <= 3 s after Go live.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FRAME_CODE, FRAME_CODE_PERIOD, readFrameNumber } from '@golive/common/testing/frame-code';
import { call, identities } from '@golive/local/testing/api-clients';
import * as op from '@golive/common/api-operations';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';
import { freePort } from '@golive/local/free-port';
import { startTcpProxy, type Impairment, type TcpProxy } from '@golive/common/testing/tcp-proxy';
import { spawnTranswrap } from '@golive/transwrap/testing/transwrap-process';
import { demoUser, openAppBrowser, type AppBrowser } from '../../app/src/testing/app-browser';
import { endBroadcast, openBroadcaster } from '../../app/src/testing/seller-steps';
import { percentile } from '../src/stats';

const FPS = 30;
const SAMPLE_MS = 500;
const JOINS_S = [20, 60];
/** How long after the last joiner joined the measuring goes on. */
const AFTER_LAST_JOIN_S = 30;
/** Samples this soon after joining are not counted in the latency figures. */
const SETTLE_S = 10;

interface Viewer {
  name: string;
  page: Page;
  /** When it opened the watch page (ms, Date.now()). */
  joinedAt: number;
  firstFrameAt?: number;
  latencies: { at: number; seconds: number }[];
}

/** The poor uplink of the third run. */
const POOR_UPLINK: Impairment = { kbps: 2500, hiccupEveryMs: 5000, hiccupMs: 400 };

const RUNS = [
  { name: 'WebCodecs', encoder: 'WebCodecs', uplink: undefined },
  { name: 'MediaRecorder', encoder: 'MediaRecorder', uplink: undefined },
  { name: 'WebCodecs, poor uplink', encoder: 'WebCodecs', uplink: POOR_UPLINK },
] as const;
type Run = (typeof RUNS)[number];

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** What a page's <video> shows now: its frame number, and how the player is doing. */
async function look(page: Page, selector: string) {
  const [frame, player] = await Promise.all([
    page.evaluate(readFrameNumber, { selector, layout: FRAME_CODE }),
    page.evaluate((css) => {
      const video = document.querySelector<HTMLVideoElement>(css);
      return { rate: video?.playbackRate, stalls: (window as unknown as { stalls?: number }).stalls ?? 0 };
    }, selector),
  ]);
  return { frame, ...player };
}

/** Counts the player's stalls: `waiting` once it has played. */
/** In the viewer's page: stalls, and when the first frame was shown (the sampling loop only sees it at its next look). */
async function watchPlayback(page: Page) {
  await page.addInitScript(() => {
    const state = window as unknown as { stalls: number; firstFrameAt?: number };
    state.stalls = 0;
    let played = false;
    document.addEventListener(
      'playing',
      (event) => {
        played = true;
        const video = event.target;
        if (state.firstFrameAt !== undefined || !(video instanceof HTMLVideoElement)) return;
        // 'playing' can come a moment before the frame is on screen: the frame callback says when it is.
        video.requestVideoFrameCallback(() => (state.firstFrameAt ??= Date.now()));
      },
      true,
    );
    document.addEventListener('waiting', () => played && (state.stalls += 1), true);
  });
}

async function measure(stack: StackProcess, seller: AppBrowser, proxy: TcpProxy, run: Run) {
  const { encoder } = run;
  proxy.impair(run.uplink);
  const who = await identities(stack.info);
  const channel = (
    await call<{ createChannel: { id: string } }>(who.clients.seller, op.CREATE_CHANNEL, {
      name: `Latency ${run.name}`,
    })
  ).data!.createChannel;
  who.stop();
  const watchUrl = new URL(`/watch/${channel.id}`, stack.info.app.url).href;
  const page = seller.page;
  await openBroadcaster(seller, { adaptive: encoder === 'WebCodecs' });
  await page.getByLabel('Channel', { exact: true }).selectOption({ label: `Latency ${run.name}` });

  const viewers: Viewer[] = [];
  const join = async (name: string) => {
    const viewerPage = await seller.browser.context.newPage();
    await watchPlayback(viewerPage);
    const viewer: Viewer = { name, page: viewerPage, joinedAt: Date.now(), latencies: [] };
    await viewerPage.goto(watchUrl);
    viewers.push(viewer);
  };
  await join('waiting before Go live');

  const goLiveAt = Date.now();
  await page.getByRole('button', { name: 'Go live' }).click();
  await page.getByRole('status').filter({ hasText: 'LIVE' }).waitFor({ timeout: 30_000 });
  const liveAt = Date.now();
  // The seller's socket crosses the proxy (so the uplink run's impairment applies to it).
  if (proxy.connections() === 0)
    throw new Error('the seller is live, but not through the proxy: check PUBLIC_URL');

  const joins = JOINS_S.map((seconds) => ({ seconds, done: false }));
  const endAt = liveAt + (Math.max(...JOINS_S) + AFTER_LAST_JOIN_S) * 1000;
  let unreadableSeller = 0;
  while (Date.now() < endAt) {
    const tick = Date.now() + SAMPLE_MS;
    for (const pending of joins)
      if (!pending.done && Date.now() - liveAt >= pending.seconds * 1000) {
        pending.done = true;
        void join(`joins after ${pending.seconds} s`);
      }
    const present = [...viewers];
    const [shown, ...seen] = await Promise.all([
      look(page, 'video'),
      ...present.map((viewer) => look(viewer.page, 'video')),
    ]);
    const now = Date.now();
    if (shown?.frame === undefined) unreadableSeller++;
    present.forEach((viewer, index) => {
      const frame = seen[index]?.frame;
      if (frame === undefined || shown?.frame === undefined) return;
      viewer.firstFrameAt ??= now;
      const behind = (shown.frame - frame + FRAME_CODE_PERIOD) % FRAME_CODE_PERIOD;
      viewer.latencies.push({ at: now, seconds: behind / FPS });
    });
    await sleep(Math.max(0, tick - Date.now()));
  }

  const rows = [];
  for (const viewer of viewers) {
    const settled = viewer.latencies
      .filter(({ at }) => at - (viewer.firstFrameAt ?? viewer.joinedAt) >= SETTLE_S * 1000)
      .map(({ seconds }) => seconds);
    const last = await look(viewer.page, 'video');
    const firstFrameFrom = viewer.name.startsWith('waiting') ? goLiveAt : viewer.joinedAt;
    const firstFrameAt = await viewer.page.evaluate(() => (window as { firstFrameAt?: number }).firstFrameAt);
    rows.push({
      run: run.name,
      viewer: viewer.name,
      p50_s: round(percentile(settled, 50)),
      p95_s: round(percentile(settled, 95)),
      firstFrame_s: firstFrameAt ? round((firstFrameAt - firstFrameFrom) / 1000) : null,
      stalls: last?.stalls ?? null,
      playbackRate: last?.rate ?? null,
      samples: settled.length,
    });
    await viewer.page.close();
  }
  await endBroadcast(seller);
  return { rows, unreadableSeller };
}

const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : null);

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'golive-bench-g2g-'));
  // transwrap is started here, not by the stack, so that the seller reaches it through the proxy.
  const stack = await startStackProcess({ dataDir, env: { TRANSWRAP_INSTANCES: '0' } });
  const port = await freePort('127.0.0.1');
  const proxy = await startTcpProxy(port);
  const transwrap = await spawnTranswrap(stack.info, {
    PORT: String(port),
    PUBLIC_URL: `ws://127.0.0.1:${proxy.port}/ingest`,
    ALLOWED_ORIGINS: new URL(stack.info.app.url).origin,
  });
  // Landscape: the camera's picture reaches the encoder as the file has it (a portrait page would
  // ask the camera for portrait, and the fake camera would crop the frame number's band).
  const seller = await openAppBrowser(stack.info, {
    media: { frameCode: true, fps: FPS },
    viewport: { width: 844, height: 390 },
  });
  try {
    const { username, password } = demoUser(stack.info, 'sellers');
    await seller.signIn(username, password);
    const results = [];
    for (const run of RUNS) results.push(await measure(stack, seller, proxy, run));
    const rows = results.flatMap((result) => result.rows);
    console.table(rows);
    console.log(
      JSON.stringify({ rows, unreadableSellerSamples: results.map((result) => result.unreadableSeller) }),
    );
    const late = rows.filter((row) => row.viewer.startsWith('joins') && row.run === 'WebCodecs');
    console.log(
      `glass-to-glass: late joiners p50 ${Math.max(...late.map((row) => row.p50_s ?? Infinity))} s (target 2.5), ` +
        `waiting viewer p50 ${rows.find((row) => row.viewer.startsWith('waiting'))?.p50_s} s (target 2.0)`,
    );
  } finally {
    await seller.close();
    await transwrap.stop();
    await proxy.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
