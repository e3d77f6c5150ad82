/**
 * Limits hold under load: 500 idle connections each get their close code while a real broadcast on
 * the same instance keeps relaying, memory stays bounded, a client that stops sending is closed
 * for idling, and an FFmpeg that stops taking media neither grows memory nor ends the broadcast.
 */
import { readFileSync } from 'node:fs';
import { call } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import * as op from '@golive/common/api-operations';
import { CloseCode } from './protocol/messages';
import { IngestClient } from './testing/ingest-client';
import { relayProcesses } from './testing/relay-processes';
import { browserMedia, liveBrowserMedia } from './testing/test-media';
import { useTranswrap } from './testing/transwrap-process';
import { residentKb } from '@golive/local/testing/process-tree';

const api = useApiStack('transwrap-limits');
const transwrap = useTranswrap(api, {
  HELLO_TIMEOUT_MS: '3000',
  // The product's idle timeout (10 s) here: the flood can hold up either side for a second or two.
  // 500 connections from one address all wait out their hello time, none shed.
  MAX_PENDING: '600',
  MAX_PENDING_PER_ADDRESS: '600',
  RELAY_STALL_TIMEOUT_MS: '4000',
});

async function ticket(name: string) {
  const created = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name,
  });
  const started = await call<{ startBroadcast: { ticket: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId: created.data!.createChannel.id,
    },
  );
  return started.data!.startBroadcast.ticket;
}

test('500 idle connections are each closed with 4001; a concurrent broadcast is unaffected', async () => {
  // Live, not a file: still sending when it is checked and stopped, however long the flood takes
  // on a busy machine (a file would end, and the idle broadcast be closed with 4008).
  const { media, recorder } = liveBrowserMedia('chrome-h264');
  const healthy = new IngestClient(transwrap.url);
  await healthy.hello(await ticket('Healthy'), media, api.who.tokens.seller);
  await healthy.next('ready');
  const sending = healthy.sendLive(recorder);
  const before = residentKb(transwrap.pid);

  const idle = Array.from({ length: 500 }, () => new IngestClient(transwrap.url));
  await Promise.all(idle.map((client) => client.opened));
  const during = residentKb(transwrap.pid);
  const codes = await Promise.all(idle.map((client) => client.closed.then(({ code }) => code)));
  expect(new Set(codes)).toEqual(new Set([CloseCode.HelloTimeout]));
  // Bounded: an idle connection costs kilobytes, not megabytes.
  expect(during - before).toBeLessThan(100 * 1024);

  // Still relaying after the flood: a report that came after it.
  const stats = await healthy.next('stats', 15_000, healthy.messages.length);
  expect(stats.receivedKbps).toBeGreaterThan(0);
  expect(stats.rtmp).toBe('live');
  healthy.stop();
  await sending;
  expect((await healthy.closed).code).toBe(CloseCode.Normal);
  expect((await fetch(transwrap.healthUrl)).status).toBe(200);
}, 90_000);

test('a client that stops sending media is closed with 4008 once the idle time it was told has passed', async () => {
  const client = new IngestClient(transwrap.url);
  await client.hello(
    await ticket('Stalled'),
    { container: 'webm', video: 'h264', audio: 'opus' },
    api.who.tokens.seller,
  );
  const ready = await client.next('ready');
  const closed = await client.closed;
  expect(closed.code).toBe(CloseCode.Idle);
  expect(ready.limits.idleTimeoutMs).toBe(10_000);
}, 40_000);

// Either FFmpeg of the relay: the one reading the seller's media, or the one sending to IVS.
test.each(['source', 'publisher'] as const)(
  'an FFmpeg (%s) that stops taking media: the client is told to lower its bitrate, memory stays bounded, and FFmpeg is replaced',
  async (role) => {
    const { path, media, seconds } = browserMedia('chrome-h264', 20);
    // Earlier tests' relays may still be held for a resume: this broadcast's relay is the new one.
    const relays = () => relayProcesses(transwrap.pid, role);
    const earlier = new Set(relays().map((process) => process.pid));
    const client = new IngestClient(transwrap.url);
    await client.hello(await ticket(`Stuck ${role}`), media, api.who.tokens.seller);
    await client.next('ready');
    const sending = client.sendFile(path, seconds);
    // The advice is based on the rate measured while FFmpeg kept up: a report of one comes first.
    await client.log.next(
      'stats saying the relay is live and media arrives',
      (message) => message.type === 'stats' && message.rtmp === 'live' && message.receivedKbps > 0,
      { timeoutMs: 20_000 },
    );

    const stuck = relays().find((process) => !earlier.has(process.pid));
    // FFmpeg holds no credentials: transwrap's AWS secret is not in its environment.
    const environment = readFileSync(`/proc/${stuck!.pid}/environ`, 'utf8');
    expect(environment).not.toContain('AWS_SECRET_ACCESS_KEY');
    expect(environment).not.toContain(api.stack.info.credentials.secretAccessKey);
    process.kill(stuck!.pid, 'SIGSTOP');
    const before = residentKb(transwrap.pid);
    // transwrap stops reading once FFmpeg's pipe is full, and after a second says so.
    const advice = await client.next('bitrate', 10_000);
    expect(advice.reason).toBe('relay-lag');
    expect(advice.maxKbps).toBeGreaterThanOrEqual(300);
    expect(advice.maxKbps).toBeLessThan(3000);
    // RELAY_STALL_TIMEOUT_MS later the stuck FFmpeg is replaced and the broadcast carries on.
    await client.relayRestarted();
    expect(relays().map((process) => process.pid)).not.toContain(stuck!.pid);
    // Held-up media waited in TCP buffers and the browser, not in transwrap.
    expect(residentKb(transwrap.pid) - before).toBeLessThan(30 * 1024);

    await sending;
    client.stop();
    expect((await client.closed).code).toBe(CloseCode.Normal);
  },
  60_000,
);
