/**
 * transwrap relays what browsers record to IVS, as PROTOCOL.md says: a real local stack, a real
 * transwrap process, a client speaking the protocol, media made by FFmpeg as each browser makes
 * it, and HLS from the local IVS checked with ffprobe.
 */
import { playableMedia, segmentUris } from '@golive/common/testing/hls-playlist';
import { poll } from '@golive/common/testing/poll';
import { probeMedia, streamOf } from '@golive/common/testing/media-probe';
import { call } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import * as op from '@golive/common/api-operations';
import { collect } from '@golive/local/testing/subscriptions';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloseCode } from './protocol/messages';
import { IngestClient } from './testing/ingest-client';
import { browserMedia, liveBrowserMedia, type BrowserMedia } from './testing/test-media';
import { spawnTranswrap, useTranswrap } from './testing/transwrap-process';
import { RawConnection } from './testing/raw-connection';
import { ageTicket } from '@golive/local/testing/age-ticket';
import { residentKb } from '@golive/local/testing/process-tree';

// One seller makes every broadcast here, several on air at once (a healthy one beside each abuse):
// past the default quota of 2, which quotas.test covers.
const api = useApiStack('transwrap', { GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER: '20' });
const transwrap = useTranswrap(api);

interface Channel {
  id: string;
  status: string;
  playbackUrl: string;
}

async function ticketFor(name: string) {
  const created = await call<{ createChannel: Channel }>(api.who.clients.seller, op.CREATE_CHANNEL, { name });
  const channel = created.data!.createChannel;
  const ticket = await call<{ startBroadcast: { url: string; ticket: string; endpoint: { id: string } } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    { channelId: channel.id },
  );
  return { channel, ...ticket.data!.startBroadcast };
}

test('startBroadcast sends the broadcaster to this transwrap', async () => {
  const { url, endpoint } = await ticketFor('Where');
  expect(endpoint.id).toBe(transwrap.id);
  expect(url).toBe(transwrap.url);
});

// Audio arriving as AAC is copied, so its sample rate survives; Opus is transcoded to 48 kHz AAC.
test.each([
  ['chrome-h264', 'copy', '48000'],
  ['webcodecs-aac', 'copy', '44100'],
  ['firefox-vp8', 'transcode', '48000'],
  ['safari-mp4', 'copy', '48000'],
] as [BrowserMedia, string, string][])(
  '%s media becomes H.264 + AAC HLS at the local IVS (video: %s, audio at %s Hz)',
  async (kind, mode, sampleRate) => {
    const { path, media, seconds } = browserMedia(kind);
    const { channel, url, ticket } = await ticketFor(kind);
    const status = collect<{ onChannelStatus: Channel }>(api.who.clients.viewer, op.ON_CHANNEL_STATUS, {
      id: channel.id,
    });
    await status.ready;

    const client = new IngestClient(url);
    await client.hello(ticket, media, api.who.tokens.seller);
    const ready = await client.next('ready');
    expect(ready).toMatchObject({ channelId: channel.id, mode });
    const sending = client.sendFile(path, seconds);

    await status.next((event) => event.onChannelStatus.status === 'LIVE', 30_000);
    const stats = await client.next('stats');
    expect(stats.receivedKbps).toBeGreaterThan(0);

    const playlist = await poll('a playlist with a segment', async () => {
      const response = await fetch(channel.playbackUrl);
      const text = response.ok ? await response.text() : '';
      return segmentUris(text).length > 0 ? text : undefined;
    });
    const segment = await playableMedia(channel.playbackUrl, playlist, segmentUris(playlist)[0]!);
    const file = join(api.dataDir, `${kind}.mp4`);
    writeFileSync(file, segment!);
    const probe = await probeMedia(file);
    expect(streamOf(probe, 'video')).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    expect(streamOf(probe, 'audio')).toMatchObject({ codec_name: 'aac', sample_rate: sampleRate });

    await sending;
    client.stop();
    expect((await client.closed).code).toBe(CloseCode.Normal);
    await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 30_000);
    status.stop();
  },
  90_000,
);

describe('abuse gets its documented close code; the process, its memory and a healthy broadcast beside it are unaffected', () => {
  // One seller broadcasts for the whole block, on the instance under attack.
  let healthy: IngestClient;
  let residentBefore: number;

  beforeAll(async () => {
    // Live, not a file: it must still be sending after every abuse, however long the block takes.
    const { media, recorder } = liveBrowserMedia('chrome-h264');
    const { ticket } = await ticketFor('Healthy');
    healthy = new IngestClient(transwrap.url);
    await healthy.hello(ticket, media, api.who.tokens.seller);
    await healthy.next('ready');
    void healthy.sendLive(recorder);
    await healthy.log.next(
      'stats saying the healthy broadcast is live',
      (message) => message.type === 'stats' && message.rtmp === 'live',
      { timeoutMs: 20_000 },
    );
    residentBefore = residentKb(transwrap.pid);
  }, 40_000);

  afterEach(async () => {
    const health = await fetch(transwrap.healthUrl);
    expect(health.status).toBe(200);
    // Bounded: no abuse leaves megabytes behind in transwrap.
    expect(residentKb(transwrap.pid) - residentBefore).toBeLessThan(64 * 1024);
    // The healthy broadcast is still open, live, and its media still arrives.
    const stats = await healthy.next('stats', 15_000, healthy.messages.length);
    expect(stats.rtmp).toBe('live');
    expect(stats.receivedKbps).toBeGreaterThan(0);
  });

  afterAll(async () => {
    healthy.stop();
    expect((await healthy.closed).code).toBe(CloseCode.Normal);
  });

  test('no hello in time: 4001', async () => {
    const short = new IngestClient(transwrap.url);
    await short.opened;
    expect((await short.closed).code).toBe(CloseCode.HelloTimeout);
  }, 20_000);

  test('binary before hello: 4002', async () => {
    const client = new IngestClient(transwrap.url);
    await client.opened;
    client.socket.send(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
    expect((await client.closed).code).toBe(CloseCode.MediaBeforeReady);
  });

  test.each([
    ['not JSON', 'hello?'],
    ['an unknown type', JSON.stringify({ type: 'publish' })],
    ['a hello without media', JSON.stringify({ type: 'hello', ticket: 'x' })],
    [
      'a hello with an unknown codec',
      JSON.stringify({
        type: 'hello',
        ticket: 'x',
        media: { container: 'webm', video: 'av1', audio: 'opus' },
      }),
    ],
  ])('%s: 4000', async (_case, text) => {
    const client = new IngestClient(transwrap.url);
    await client.opened;
    client.socket.send(text);
    expect((await client.closed).code).toBe(CloseCode.BadMessage);
  });

  test('a made-up ticket: 4004', async () => {
    const client = new IngestClient(transwrap.url);
    await client.hello(
      '0'.repeat(64),
      { container: 'webm', video: 'h264', audio: 'opus' },
      api.who.tokens.seller,
    );
    expect((await client.closed).code).toBe(CloseCode.TicketRefused);
  });

  test('an expired ticket: 4004', async () => {
    const { ticket } = await ticketFor('Too late');
    await ageTicket(api.stack.info, ticket);
    const client = new IngestClient(transwrap.url);
    await client.hello(ticket, { container: 'webm', video: 'h264', audio: 'opus' }, api.who.tokens.seller);
    expect(await client.closed).toEqual({ code: CloseCode.TicketRefused, reason: 'ticket refused' });
  });

  test('a slow client dribbling its hello a byte at a time: 4001 at the hello deadline, then cut off', async () => {
    const slow = await RawConnection.open(transwrap.url);
    slow.write(RawConnection.upgradeRequest(transwrap.url));
    expect(await slow.responseStatus()).toBe('HTTP/1.1 101 Switching Protocols');
    const hello = JSON.stringify({ type: 'hello', ticket: 'x'.repeat(64) });
    void slow.dribble(RawConnection.textFrame(hello), 200);
    // It never answers the close frame either: the server hangs up without waiting for it.
    await slow.ended;
    expect(slow.closeFrame()).toEqual({ code: CloseCode.HelloTimeout, reason: 'no hello in time' });
  }, 15_000);

  test('a slow client dribbling its HTTP upgrade a byte at a time: cut off at the hello deadline', async () => {
    const slow = await RawConnection.open(transwrap.url);
    void slow.dribble(RawConnection.upgradeRequest(transwrap.url), 100);
    await slow.ended;
    expect(await slow.responseStatus()).toBe('HTTP/1.1 408 Request Timeout');
  }, 15_000);

  test('a ticket used twice: the second is refused with 4004', async () => {
    const { ticket } = await ticketFor('Twice');
    const first = new IngestClient(transwrap.url);
    await first.hello(ticket, { container: 'webm', video: 'h264', audio: 'opus' }, api.who.tokens.seller);
    await first.next('ready');
    const second = new IngestClient(transwrap.url);
    await second.hello(ticket, { container: 'webm', video: 'h264', audio: 'opus' }, api.who.tokens.seller);
    expect((await second.closed).code).toBe(CloseCode.TicketRefused);
    first.stop();
    await first.closed;
  });

  test("another seller's ticket: 4003, and the ticket is spent", async () => {
    const { ticket } = await ticketFor('Not yours');
    const thief = new IngestClient(transwrap.url);
    await thief.hello(
      ticket,
      { container: 'webm', video: 'h264', audio: 'opus' },
      api.who.tokens.otherSeller,
    );
    expect(await thief.closed).toEqual({
      code: CloseCode.NotTheTicketsSeller,
      reason: 'the ticket was issued to another seller',
    });
    // A ticket that leaked is burnt: not even its own seller can use it now.
    const owner = new IngestClient(transwrap.url);
    await owner.hello(ticket, { container: 'webm', video: 'h264', audio: 'opus' }, api.who.tokens.seller);
    expect((await owner.closed).code).toBe(CloseCode.TicketRefused);
  });

  test('a forged sign-in token: 4003, and the ticket is kept for its seller', async () => {
    const { ticket } = await ticketFor('Forged');
    const [header, payload] = api.who.tokens.seller.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the pool key').toString('base64url')}`;
    const client = new IngestClient(transwrap.url);
    await client.hello(ticket, { container: 'webm', video: 'h264', audio: 'opus' }, forged);
    expect(await client.closed).toEqual({
      code: CloseCode.NotTheTicketsSeller,
      reason: 'sign-in token refused',
    });
    const owner = new IngestClient(transwrap.url);
    await owner.hello(ticket, { container: 'webm', video: 'h264', audio: 'opus' }, api.who.tokens.seller);
    await owner.next('ready');
    owner.stop();
    expect((await owner.closed).code).toBe(CloseCode.Normal);
  });

  test('a message over the size limit: 1009', async () => {
    const client = new IngestClient(transwrap.url);
    await client.opened;
    client.socket.send(Buffer.alloc(2 * 1024 * 1024));
    expect((await client.closed).code).toBe(1009);
  });

  test('media that is not media: 4010', async () => {
    const { ticket } = await ticketFor('Garbage');
    const client = new IngestClient(transwrap.url);
    await client.hello(ticket, { container: 'webm', video: 'h264', audio: 'opus' }, api.who.tokens.seller);
    await client.next('ready');
    client.socket.send(Buffer.alloc(64 * 1024, 0x42));
    client.socket.send(Buffer.alloc(64 * 1024, 0x17));
    expect((await client.closed).code).toBe(CloseCode.BadMedia);
  }, 20_000);

  test('an origin not on the allow-list is refused at the handshake', async () => {
    const strict = await spawnTranswrap(api.stack.info, {
      ALLOWED_ORIGINS: 'https://app.example',
      ENDPOINT_ID: 'tw-strict',
    });
    try {
      await expect(new IngestClient(strict.url, { origin: 'https://evil.example' }).opened).rejects.toThrow(
        'HTTP 403',
      );
      const allowed = new IngestClient(strict.url, { origin: 'https://app.example' });
      await allowed.opened;
      allowed.socket.close();
    } finally {
      await strict.stop();
    }
  }, 40_000);

  test('the log never contains a ticket or a stream key', () => {
    expect(transwrap.output()).not.toMatch(/sk_[A-Za-z0-9_-]{10,}/);
    expect(transwrap.output()).not.toMatch(/[0-9a-f]{64}/);
  });
});
