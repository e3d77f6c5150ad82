/**
 * bench/graphql: the local AppSync server under load, on this machine.
 * - a query (channel by id, API key) and a mutation (startBroadcast, a 3-step pipeline with a
 *   Cognito token): p50/p95 latency one at a time, and throughput with 16 in flight;
 * - one status change delivered to 1,000 subscribers, each on its own WebSocket as viewers would
 *   be: p95 delay from sending the mutation to each subscriber receiving it (target < 250 ms);
 * - one chat message delivered to 1,000 chat subscribers of a live channel (anonymous, API key):
 *   p95 delay from sending the message to each subscriber receiving it.
 * Prints the figures as JSON, then one summary line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print, type DocumentNode } from 'graphql';
import { WebSocket } from 'ws';
import type { ApolloClient } from '@apollo/client';
import {
  call,
  identities,
  registerTestEndpoint,
  type CallOutcome,
  type Identities,
} from '@golive/local/testing/api-clients';
import { chatName, liveChannel } from '@golive/local/testing/chat-clients';
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
    const { url, apiKey, realtimeUrl } = stack.info.graphql;
    const realtime = { realtimeUrl, apiKey };
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
      fanOut: await statusFanOut(realtime, channelId, who.clients.service),
      chatFanOut: await chatFanOut(realtime, who),
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(
      `graphql: query p50 ${results.query.p50} ms p95 ${results.query.p95} ms ${results.query.throughputPerSecond}/s; ` +
        `mutation p50 ${results.mutation.p50} ms p95 ${results.mutation.p95} ms ${results.mutation.throughputPerSecond}/s; ` +
        `1 status change to ${SUBSCRIBERS} subscribers p95 ${results.fanOut.p95} ms (target < 250 ms); ` +
        `1 chat message to ${SUBSCRIBERS} subscribers p95 ${results.chatFanOut.p95} ms`,
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

/** A generated subscription document: it carries its payload and variables types. */
type Subscription<Data, Variables> = DocumentNode & { __apiType?: (variables: Variables) => Data };

/** One event to fan out: how to cause it, and how a subscriber recognises it among what it receives. */
interface FanOutEvent<Data> {
  name: string;
  send: () => Promise<void>;
  recognises: (data: Data) => boolean;
}

/**
 * Opens `SUBSCRIBERS` real-time connections (API key, as anonymous viewers), each subscribed to
 * `document` with `variables`, then sends the events one after another; each subscriber's delay
 * from an event's send to its first message the event recognises is one sample. Fails if a
 * subscriber misses an event (10 s).
 */
async function fanOut<Data, Variables extends object>(
  realtime: { realtimeUrl: string; apiKey: string },
  document: Subscription<Data, Variables>,
  variables: Variables,
  events: FanOutEvent<Data>[],
): Promise<number[]> {
  const { realtimeUrl, apiKey } = realtime;
  const host = new URL(realtimeUrl).host;
  const header = Buffer.from(JSON.stringify({ host, 'x-api-key': apiKey })).toString('base64url');
  const data = JSON.stringify({ query: print(document), variables });
  let current: FanOutEvent<Data> | undefined;
  let sentAt = 0;
  const received = new Map<number, number>(); // subscriber -> ms after the send, for `current`
  const sockets = await Promise.all(
    Array.from(
      { length: SUBSCRIBERS },
      (_, index) =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(realtimeUrl, ['graphql-ws', `header-${header}`]);
          socket.on('error', reject);
          socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
          socket.on('message', (raw: Buffer) => {
            const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: Data } };
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
              current &&
              message.payload?.data &&
              !received.has(index) &&
              current.recognises(message.payload.data)
            ) {
              received.set(index, performance.now() - sentAt);
            } else if (message.type === 'error') reject(new Error(raw.toString()));
          });
        }),
    ),
  );
  const samples: number[] = [];
  try {
    for (const event of events) {
      received.clear();
      current = event;
      sentAt = performance.now();
      await event.send();
      const deadline = Date.now() + 10_000;
      while (received.size < SUBSCRIBERS && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      if (received.size < SUBSCRIBERS)
        throw new Error(`only ${received.size} of ${SUBSCRIBERS} subscribers got ${event.name}`);
      samples.push(...received.values());
    }
  } finally {
    current = undefined;
    for (const socket of sockets) socket.close();
  }
  return samples;
}

/** Fails loudly when the API refused a call (a refused send would otherwise time out as "missed"). */
function accepted(outcome: CallOutcome, what: string) {
  if (outcome.errors.length)
    throw new Error(
      `${what} refused: ${outcome.errors.map((e) => `${e.errorType}: ${e.message}`).join('; ')}`,
    );
}

/** One status change to every subscriber of the channel's status, 3 times. */
async function statusFanOut(
  realtime: { realtimeUrl: string; apiKey: string },
  channelId: string,
  service: ApolloClient,
) {
  const samples = await fanOut(
    realtime,
    op.ON_CHANNEL_STATUS,
    { id: channelId },
    ['CONNECTING', 'LIVE', 'OFFLINE'].map((status) => ({
      name: status,
      send: async () =>
        accepted(
          await call(service, op.REPORT_STREAM_STATUS, {
            input: { channelId, status, at: new Date().toISOString() },
          }),
          `status ${status}`,
        ),
      recognises: (data) => data.onChannelStatus?.status === status,
    })),
  );
  const result = summary(samples);
  return { subscribers: SUBSCRIBERS, changes: 3, ...result, p95: ms(result.p95) };
}

/**
 * One chat message to every subscriber of a live channel's chat, 3 times (within the sender's
 * burst of 5, so none is throttled: a refused send fails the run rather than being retried, which
 * would count the wait in the delivery time).
 */
async function chatFanOut(realtime: { realtimeUrl: string; apiKey: string }, who: Identities) {
  const channelId = await liveChannel(who, 'Bench chat');
  const sender = who.clients.otherSeller;
  await chatName(sender, 'Bench chatter');
  const samples = await fanOut(
    realtime,
    op.ON_CHAT_MESSAGE,
    { channelId },
    [1, 2, 3].map((n) => {
      const text = `bench message ${n} of 3`;
      return {
        name: `"${text}"`,
        send: async () =>
          accepted(await call(sender, op.SEND_CHAT_MESSAGE, { channelId, text }), `chat message "${text}"`),
        recognises: (data) => data.onChatMessage?.text === text,
      };
    }),
  );
  const result = summary(samples);
  return { subscribers: SUBSCRIBERS, messages: 3, ...result };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
