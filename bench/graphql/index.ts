/**
 * bench/graphql: the local AppSync server under load, on this machine.
 * - a query (channel by id, API key) and a mutation (startBroadcast, a 3-step pipeline with a
 *   Cognito token): p50/p95 latency one at a time, and throughput with 16 in flight;
 * - one status change delivered to 1,000 subscribers, each on its own WebSocket as viewers would
 *   be: p95 delay from sending the mutation to each subscriber receiving it (target < 250 ms).
 * Prints the figures as JSON, then one summary line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print, type DocumentNode } from 'graphql';
import { WebSocket } from 'ws';
import { call, identities, registerTestEndpoint } from '@golive/local/testing/api-clients';
import * as op from '@golive/common/api-operations';
import { startStackProcess } from '@golive/local/testing/stack-process';
import { ms, summary } from '../src/stats';

const LATENCY_SAMPLES = 300;
const THROUGHPUT_REQUESTS = 1000;
const IN_FLIGHT = 16;
const SUBSCRIBERS = 1000;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'golive-bench-graphql-'));
  const stack = await startStackProcess({ dataDir });
  const who = await identities(stack.info);
  try {
    const { url, apiKey } = stack.info.graphql;
    await registerTestEndpoint(who.clients.service, 'tw-bench', 10000);
    const created = await call<{ createChannel: { id: string } }>(who.clients.seller, op.CREATE_CHANNEL, {
      name: 'Bench',
    });
    const channelId = created.data!.createChannel.id;

    const request =
      (document: DocumentNode, variables: object, headers: Record<string, string>) => async () => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: print(document), variables }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        if (!response.ok || body.errors) throw new Error(`request failed: ${JSON.stringify(body)}`);
      };
    const query = request(op.CHANNEL, { id: channelId }, { 'x-api-key': apiKey });
    const mutation = request(op.START_BROADCAST, { channelId }, { authorization: who.tokens.seller });

    const results = {
      query: { ...(await latency(query)), throughputPerSecond: await throughput(query) },
      mutation: { ...(await latency(mutation)), throughputPerSecond: await throughput(mutation) },
      fanOut: await fanOut(stack.info.graphql.realtimeUrl, apiKey, channelId, who.clients.service),
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(
      `graphql: query p50 ${results.query.p50} ms p95 ${results.query.p95} ms ${results.query.throughputPerSecond}/s; ` +
        `mutation p50 ${results.mutation.p50} ms p95 ${results.mutation.p95} ms ${results.mutation.throughputPerSecond}/s; ` +
        `1 status change to ${SUBSCRIBERS} subscribers p95 ${results.fanOut.p95} ms (target < 250 ms)`,
    );
  } finally {
    who.stop();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function latency(run: () => Promise<void>) {
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return summary(samples);
}

async function throughput(run: () => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < THROUGHPUT_REQUESTS) await run();
    }),
  );
  return Math.round(THROUGHPUT_REQUESTS / ((performance.now() - start) / 1000));
}

/** Opens one real-time connection per subscriber (API key, as viewers), all on the channel. */
async function fanOut(
  realtimeUrl: string,
  apiKey: string,
  channelId: string,
  service: Parameters<typeof call>[0],
) {
  const host = new URL(realtimeUrl).host;
  const header = Buffer.from(JSON.stringify({ host, 'x-api-key': apiKey })).toString('base64url');
  const data = JSON.stringify({ query: print(op.ON_CHANNEL_STATUS), variables: { id: channelId } });
  const received: number[] = [];
  let sentAt = 0;
  let expectedStatus = '';
  const sockets = await Promise.all(
    Array.from(
      { length: SUBSCRIBERS },
      (_, index) =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(realtimeUrl, ['graphql-ws', `header-${header}`]);
          socket.on('error', reject);
          socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
          socket.on('message', (raw: Buffer) => {
            const message = JSON.parse(raw.toString()) as {
              type: string;
              payload?: { data?: { onChannelStatus?: { status: string } } };
            };
            if (message.type === 'connection_ack') {
              socket.send(
                JSON.stringify({
                  id: `s${index}`,
                  type: 'start',
                  payload: { data, extensions: { authorization: { host, 'x-api-key': apiKey } } },
                }),
              );
            } else if (message.type === 'start_ack') resolve(socket);
            else if (
              message.type === 'data' &&
              message.payload?.data?.onChannelStatus?.status === expectedStatus
            ) {
              received.push(performance.now() - sentAt);
            } else if (message.type === 'error') reject(new Error(raw.toString()));
          });
        }),
    ),
  );
  const rounds: number[] = [];
  for (const status of ['CONNECTING', 'LIVE', 'OFFLINE']) {
    received.length = 0;
    expectedStatus = status;
    sentAt = performance.now();
    await call(service, op.REPORT_STREAM_STATUS, {
      input: { channelId, status, at: new Date().toISOString() },
    });
    const deadline = Date.now() + 10_000;
    while (received.length < SUBSCRIBERS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    if (received.length < SUBSCRIBERS)
      throw new Error(`only ${received.length} of ${SUBSCRIBERS} subscribers got ${status}`);
    rounds.push(...received);
  }
  for (const socket of sockets) socket.close();
  const result = summary(rounds);
  return { subscribers: SUBSCRIBERS, changes: 3, ...result, p95: ms(result.p95) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
