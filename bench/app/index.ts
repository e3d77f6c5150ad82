/**
 * bench/app: the PWA's budgets, on its production build (app/dist, built by `npm run bench`'s
 * setup step) served by a local stack of its own:
 *  - the JavaScript (gzip) the sign-in route and the broadcaster route (/live) load, at most
 *    150 kB each (1 kB = 1000 bytes, as Vite reports sizes), with no Video.js in either; the
 *    viewer route (/watch/<id>) for information, Video.js and all (route-loads.ts);
 *  - Lighthouse (mobile) on the sign-in page, the viewer page of a real, offline channel, and the
 *    viewer page of a live one (FFmpeg publishing to the local IVS: Video.js loads and plays):
 *    performance at least 90, accessibility and best practices at least 95 (lighthouse-audit.ts).
 * Prints the figures as JSON (with every JS file, and every failing audit to fix), then one
 * summary line ending PASS or FAIL with what failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as op from '@golive/common/api-operations';
import { call, identities, type Identities } from '@golive/local/testing/api-clients';
import type { Publisher } from '@golive/common/testing/test-publisher';
import { publishTo } from '../../app/src/testing/broadcasts';
import { poll } from '@golive/common/testing/poll';
import { partUris } from '@golive/common/testing/hls-playlist';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';
import { auditPage, type PageAudit } from './lighthouse-audit';
import { measureRouteLoads } from './route-loads';
import type { RouteJavascript } from './route-javascript';

const JS_BUDGET_BYTES = 150_000;
const MIN_SCORES = { performance: 90, accessibility: 95, 'best-practices': 95 } as const;
const LIGHTHOUSE_RUNS = 3;

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const BUDGET_KB = JS_BUDGET_BYTES / 1000;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'golive-bench-app-'));
  const stack = await startStackProcess({ dataDir });
  const who = await identities(stack.info);
  let publisher: Publisher | undefined;
  try {
    const { info } = stack;
    const seller = info.demoUsers.find((user) => user.groups.includes('sellers'));
    if (!seller) throw new Error('the stack has no demo seller');
    const created = await call<{ createChannel: { id: string } }>(who.clients.seller, op.CREATE_CHANNEL, {
      name: 'Bench channel',
    });
    const channelId = created.data?.createChannel.id;
    if (!channelId) throw new Error(`could not create a channel: ${JSON.stringify(created.errors)}`);

    const routes = await measureRouteLoads(info, seller, channelId);
    const signIn = await auditPage(new URL('/sign-in', info.app.url).href, LIGHTHOUSE_RUNS);
    const watch = await auditPage(new URL(`/watch/${channelId}`, info.app.url).href, LIGHTHOUSE_RUNS);
    // Only now: the publisher's encoder would otherwise share this machine's CPU with the pages above.
    const live = await liveChannel(stack, who);
    publisher = live.publisher;
    const watchLive = await auditPage(new URL(`/watch/${live.id}`, info.app.url).href, LIGHTHOUSE_RUNS);
    const lighthouse = { signIn, watch, watchLive };

    const failures = [
      ...budgetFailures('sign-in', routes.signIn),
      ...budgetFailures('live', routes.live),
      ...scoreFailures('sign-in', lighthouse.signIn),
      ...scoreFailures('watch', lighthouse.watch),
      ...scoreFailures('watch (live)', lighthouse.watchLive),
    ];
    // Amplify Hosting compresses; a host that does not makes Lighthouse's simulated slow 4G slower.
    const uncompressed = [routes.signIn, routes.live, routes.watch].some((route) =>
      route.files.some((file) => file.encoding === 'identity'),
    );
    const results = {
      appHostCompressesJavascript: !uncompressed,
      budgets: { javascriptGzipBytes: JS_BUDGET_BYTES, lighthouse: MIN_SCORES },
      javascript: {
        signIn: withinBudget(routes.signIn),
        live: withinBudget(routes.live),
        watch: routes.watch,
      },
      lighthouse,
      failures,
      pass: failures.length === 0,
    };
    console.log(JSON.stringify(results, null, 2));

    const scores = (name: string, audit: PageAudit) =>
      `${name} perf ${audit.scores.performance} a11y ${audit.scores.accessibility} bp ${audit.scores['best-practices']}`;
    const videojs = routes.signIn.videojs || routes.live.videojs ? 'videojs PRESENT' : 'videojs absent';
    console.log(
      `app: sign-in ${kB(routes.signIn.gzipBytes)} kB, live ${kB(routes.live.gzipBytes)} kB ` +
        `(budget ${BUDGET_KB}, ${videojs}), watch ${kB(routes.watch.gzipBytes)} kB ` +
        `(videojs ${routes.watch.videojs ? 'present' : 'absent'}); ` +
        `lighthouse${uncompressed ? ' (host sends JS uncompressed)' : ''} ` +
        `${scores('sign-in', lighthouse.signIn)}, ${scores('watch', lighthouse.watch)}, ` +
        `${scores('watch (live)', lighthouse.watchLive)}; ` +
        (failures.length === 0 ? 'PASS' : `FAIL (${failures.join('; ')})`),
    );
  } finally {
    publisher?.stop();
    who.stop();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A channel on air for the rest of the bench, published as the app's tests publish, and its HLS up. */
async function liveChannel(
  stack: StackProcess,
  who: Identities,
): Promise<{ id: string; publisher: Publisher }> {
  const channel = (
    await call<{ createChannel: { id: string; playbackUrl: string } }>(
      who.clients.seller,
      op.CREATE_CHANNEL,
      {
        name: 'Bench live channel',
      },
    )
  ).data!.createChannel;
  // A phone-sized picture keeps the encoder, which a real viewer's phone never runs, light.
  const publisher = await publishTo({ stack, who }, channel.id, 3600, {
    keyframeSeconds: 2,
    size: '640x360',
  });
  await poll("the live channel's HLS", async () => {
    const response = await fetch(channel.playbackUrl).catch(() => undefined);
    return response?.ok && partUris(await response.text()).length > 0 ? true : undefined;
  });
  return { id: channel.id, publisher };
}

function withinBudget(route: RouteJavascript) {
  return { withinBudget: route.gzipBytes <= JS_BUDGET_BYTES && !route.videojs, ...route };
}

function budgetFailures(name: string, route: RouteJavascript): string[] {
  return [
    ...(route.gzipBytes > JS_BUDGET_BYTES ? [`${name} JS ${kB(route.gzipBytes)} kB > ${BUDGET_KB} kB`] : []),
    ...(route.videojs
      ? [
          `${name} loads Video.js (${route.files
            .filter((file) => file.videojs)
            .map((file) => file.path)
            .join(', ')})`,
        ]
      : []),
  ];
}

function scoreFailures(name: string, audit: PageAudit): string[] {
  return Object.entries(MIN_SCORES)
    .filter(([category, minimum]) => audit.scores[category as keyof typeof MIN_SCORES] < minimum)
    .map(
      ([category, minimum]) =>
        `${name} ${category} ${audit.scores[category as keyof typeof MIN_SCORES]} < ${minimum}`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
