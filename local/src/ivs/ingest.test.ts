/**
 * The local IVS end to end, as the product uses it: a channel created through the API, its key
 * obtained server-side with claimIngest, a 720p30 H.264 + AAC stream published by FFmpeg over RTMP
 * and RTMPS, HLS that decodes, LIVE and OFFLINE pushed on onChannelStatus, EXT-X-ENDLIST at the
 * end; and refusals where IVS refuses.
 */
import { GetStreamCommand, ChannelNotBroadcasting, PutMetadataCommand } from '@aws-sdk/client-ivs';
import { publishTestStream } from '@golive/common/testing/test-publisher';
import { partUris, playableMedia, segmentUris } from '@golive/common/testing/hls-playlist';
import { probeMedia, streamOf } from '@golive/common/testing/media-probe';
import { poll } from '@golive/common/testing/poll';
import { writeFileSync } from 'node:fs';
// The HLS engine's own MP4 reader (Video.js's VHS uses mux.js): what a viewer's player will find.
import { getEmsgID3, startTime, timescale } from 'mux.js/lib/mp4/probe';
import { join } from 'node:path';
import { useApiStack } from '../testing/api-stack';
import { call, ivsChannelArn, ivsClient, registerTestEndpoint } from '../testing/api-clients';
import * as op from '@golive/common/api-operations';
import { collect } from '../testing/subscriptions';

const api = useApiStack('ingest');

interface Channel {
  id: string;
  status: string;
  playbackUrl: string;
}
type StatusEvent = { onChannelStatus: Channel };

/** A new channel and its ingest, obtained the way transwrap obtains it. */
async function channelWithKey(name: string) {
  // Registered afresh for each ticket, as a running transwrap heartbeats: a registration made once
  // before all tests goes stale after 30 s, which a loaded run of this file outlived.
  await registerTestEndpoint(api.who.clients.service, 'tw-ingest');
  const created = await call<{ createChannel: Channel }>(api.who.clients.seller, op.CREATE_CHANNEL, { name });
  const channel = created.data!.createChannel;
  const ticket = await call<{ startBroadcast: { ticket: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    { channelId: channel.id },
  );
  const claim = await call<{ claimIngest: { ingestUrl: string; streamKey: string } }>(
    api.who.clients.service,
    op.CLAIM_INGEST,
    {
      ticket: ticket.data!.startBroadcast.ticket,
      endpointId: 'tw-ingest',
    },
  );
  return { channel, ...claim.data!.claimIngest };
}

/** The part a live playlist says comes next. */
const hintOf = (text: string) => /#EXT-X-PRELOAD-HINT:TYPE=PART,URI="([^"]+)"/.exec(text)![1]!;

async function playlist(url: string): Promise<string | undefined> {
  const response = await fetch(url);
  return response.ok ? response.text() : undefined;
}

test.each(['rtmps', 'rtmp'] as const)(
  'a stream published over %s goes LIVE, plays as HLS, and ends OFFLINE with ENDLIST',
  async (scheme) => {
    const { channel, ingestUrl, streamKey } = await channelWithKey(`Over ${scheme}`);
    expect(ingestUrl).toBe(api.stack.info.ivs.rtmpsUrl); // what IVS hands out is RTMPS
    const base = scheme === 'rtmps' ? ingestUrl : api.stack.info.ivs.rtmpUrl;
    const status = collect<StatusEvent>(api.who.clients.viewer, op.ON_CHANNEL_STATUS, { id: channel.id });
    await status.ready;

    const publisher = publishTestStream(`${base}${streamKey}`, { seconds: 7 });
    await status.next((event) => event.onChannelStatus.status === 'LIVE', 20_000);

    const live = await poll('a playlist with a segment', async () => {
      const text = await playlist(channel.playbackUrl);
      return text && segmentUris(text).length > 0 ? text : undefined;
    });
    expect(live).toContain('#EXT-X-TARGETDURATION');
    expect(live).not.toContain('#EXT-X-ENDLIST');
    const segmentUrl = new URL(segmentUris(live)[0]!, channel.playbackUrl);
    const segment = await fetch(segmentUrl);
    expect(segment.headers.get('access-control-allow-origin')).toBe('*');
    const file = join(api.dataDir, `segment-${scheme}.mp4`);
    writeFileSync(file, (await playableMedia(channel.playbackUrl, live, segmentUris(live)[0]!))!);
    const probe = await probeMedia(file);
    expect(streamOf(probe, 'video')).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    expect(streamOf(probe, 'audio')).toMatchObject({ codec_name: 'aac' });
    expect(Number(streamOf(probe, 'video')?.nb_read_frames)).toBeGreaterThan(0);

    expect(await publisher.exited).toBe(0);
    await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 20_000);
    const ended = await poll('EXT-X-ENDLIST', async () => {
      const text = await playlist(channel.playbackUrl);
      return text?.includes('#EXT-X-ENDLIST') ? text : undefined;
    });
    expect(segmentUris(ended).length).toBeGreaterThan(0);
    status.stop();
  },
  60_000,
);

test('a live playlist is low-latency HLS: ~0.3 s parts, keyframe-led segments, requests held until the part exists', async () => {
  const { channel, ingestUrl, streamKey } = await channelWithKey('Low latency');
  const publisher = publishTestStream(`${ingestUrl}${streamKey}`, { seconds: 20, keyframeSeconds: 2 });
  const live = await poll('a playlist with a whole segment', async () => {
    const text = await playlist(channel.playbackUrl);
    return text && segmentUris(text).length > 0 ? text : undefined;
  });
  expect(live).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.200');
  expect(live).toContain('#EXT-X-PART-INF:PART-TARGET=0.400');
  expect(live).toContain('#EXT-X-TARGETDURATION:2');
  const parts = [...live.matchAll(/^#EXT-X-PART:DURATION=([\d.]+),URI="[^"]+"(,INDEPENDENT=YES)?$/gm)];
  expect(parts.length).toBeGreaterThan(6);
  expect(parts.every(([, duration]) => Number(duration) <= 0.4)).toBe(true);
  // A part that starts a segment is a keyframe; those of one 2 s GOP are a segment.
  expect(live).toMatch(/#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n#EXT-X-PART:[^\n]+,INDEPENDENT=YES\n/);
  expect(Number(/#EXTINF:([\d.]+),/.exec(live)?.[1])).toBeCloseTo(2, 1);

  // A part decodes on its own with the init section in front: what a player appends first.
  const hinted = hintOf(live);
  const file = join(api.dataDir, 'hinted-part.mp4');
  // The hinted part does not exist yet: the request is answered once FFmpeg has finished it.
  writeFileSync(file, (await playableMedia(channel.playbackUrl, live, hinted))!);
  expect(streamOf(await probeMedia(file), 'video')).toMatchObject({ codec_name: 'h264', width: 1280 });

  // A blocking reload for the part after the newest is held until it is listed.
  const now = (await playlist(channel.playbackUrl))!;
  const msn = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(now)![1]) + segmentUris(now).length;
  const partsOfOpen = now.slice(now.lastIndexOf('#EXTINF')).match(/#EXT-X-PART:/g)?.length ?? 0;
  const blocked = await fetch(`${channel.playbackUrl}?_HLS_msn=${msn}&_HLS_part=${partsOfOpen}`);
  const after = await blocked.text();
  expect(blocked.status).toBe(200);
  expect(partUris(after)).toContain(hintOf(now));

  // Asking for what cannot come soon is a client error, said plainly.
  const tooFar = await fetch(`${channel.playbackUrl}?_HLS_msn=${msn + 5}`);
  expect(tooFar.status).toBe(400);
  expect(await tooFar.text()).toBe(`segment ${msn + 5} is too far in the future`);
  const partAlone = await fetch(`${channel.playbackUrl}?_HLS_part=1`);
  expect(partAlone.status).toBe(400);
  expect(await partAlone.text()).toContain('_HLS_part a part number with it');
  publisher.stop();
}, 60_000);

test('a wrong stream key is refused and nothing goes live', async () => {
  const publisher = publishTestStream(`${api.stack.info.ivs.rtmpsUrl}sk_us-east-1_notarealkey`, {
    seconds: 3,
  });
  expect(await publisher.exited).not.toBe(0);
  expect(api.stack.output()).toMatch(/refused a publish from .*: no channel has this stream key/);
  expect(api.stack.output()).not.toContain('notarealkey'); // keys never reach the log
});

/** A channel on air (FFmpeg publishing for `seconds`), its live playlist, and IVS's API to call on it. */
async function onAirWithIvsClient(name: string, seconds: number) {
  const { channel, ingestUrl, streamKey } = await channelWithKey(name);
  const publisher = publishTestStream(`${ingestUrl}${streamKey}`, { seconds, keyframeSeconds: 2 });
  const live = await poll('a playlist with a whole segment', async () => {
    const text = await playlist(channel.playbackUrl);
    return text && segmentUris(text).length > 0 ? text : undefined;
  });
  const ivs = ivsClient(api.stack.info);
  const channelArn = ivsChannelArn(api.stack.info, channel.id);
  return { channel, publisher, live, ivs, channelArn };
}

test("PutMetadata goes into the stream where it is now: an ID3 cue the player's HLS library reads at that part's time", async () => {
  const { channel, publisher, live, ivs, channelArn } = await onAirWithIvsClient('Timed metadata', 20);
  const hinted = hintOf(live);
  const text = JSON.stringify({ pin: 'product-1', at: new Date().toISOString() });
  await ivs.send(new PutMetadataCommand({ channelArn, metadata: text }));
  ivs.destroy();

  // The part being made when the call came (the hinted one), or the one after if it was done.
  const number = (uri: string) => Number(/part-(\d+)\.mp4$/.exec(uri)?.[1]);
  const init = new Uint8Array(
    await (await fetch(new URL(/URI="([^"]+init[^"]*)"/.exec(live)![1]!, channel.playbackUrl))).arrayBuffer(),
  );
  const cues = [];
  for (let part = number(hinted); part <= number(hinted) + 1 && cues.length === 0; part++) {
    const url = new URL(hinted.replace(/part-\d+\.mp4$/, `part-${part}.mp4`), channel.playbackUrl);
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    // A version 1 emsg names its own time: at the start of the media it came with.
    const partStart = startTime(timescale(init), bytes);
    for (const cue of getEmsgID3(bytes)) cues.push({ ...cue, partStart });
  }
  expect(cues).toHaveLength(1);
  expect(cues[0]!.frames).toEqual([expect.objectContaining({ key: 'TXXX', data: text })]);
  // The part's video start; its audio may start a frame before.
  expect(Math.abs(cues[0]!.cueTime - cues[0]!.partStart)).toBeLessThan(0.05);
  publisher.stop();
}, 60_000);

test('GetStream counts the players watching at the live edge, and stops counting one that left', async () => {
  const { channel, publisher, ivs, channelArn } = await onAirWithIvsClient('Watched', 40);
  const viewerCount = async () => (await ivs.send(new GetStreamCommand({ channelArn }))).stream?.viewerCount;
  expect(await viewerCount()).toBe(0);

  /** A player at the live edge: a blocking reload for the next part, again and again, until stopped. */
  const player = () => {
    const stop = new AbortController();
    void (async () => {
      let text = (await playlist(channel.playbackUrl))!;
      while (!stop.signal.aborted) {
        const msn = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)![1]) + segmentUris(text).length;
        const parts = text.slice(text.lastIndexOf('#EXTINF')).match(/#EXT-X-PART:/g)?.length ?? 0;
        const response = await fetch(`${channel.playbackUrl}?_HLS_msn=${msn}&_HLS_part=${parts}`, {
          signal: stop.signal,
        }).catch(() => undefined);
        text = (await response?.text().catch(() => undefined)) ?? text;
      }
    })();
    return () => stop.abort();
  };
  const first = player();
  const second = player();
  await poll('two viewers', async () => ((await viewerCount()) === 2 ? true : undefined), 15_000);
  first();
  await poll('one viewer', async () => ((await viewerCount()) === 1 ? true : undefined), 15_000);
  second();
  ivs.destroy();
  publisher.stop();
}, 60_000);

test("a deleted channel's key no longer works", async () => {
  const { channel, ingestUrl, streamKey } = await channelWithKey('Deleted');
  expect((await call(api.who.clients.seller, op.DELETE_CHANNEL, { id: channel.id })).errors).toEqual([]);
  expect(await publishTestStream(`${ingestUrl}${streamKey}`, { seconds: 3 }).exited).not.toBe(0);
});

test('a second publisher is refused; stopBroadcast disconnects the first, as StopStream does', async () => {
  const { channel, ingestUrl, streamKey } = await channelWithKey('Contested');
  const status = collect<StatusEvent>(api.who.clients.viewer, op.ON_CHANNEL_STATUS, { id: channel.id });
  await status.ready;
  const first = publishTestStream(`${ingestUrl}${streamKey}`, { seconds: 60 });
  await status.next((event) => event.onChannelStatus.status === 'LIVE', 20_000);

  const second = publishTestStream(`${ingestUrl}${streamKey}`, { seconds: 3 });
  expect(await second.exited).not.toBe(0);
  expect(api.stack.output()).toContain(`refused a second publisher for channel ${channel.id}`);

  const ivs = ivsClient(api.stack.info);
  const arn = ivsChannelArn(api.stack.info, channel.id);
  expect((await ivs.send(new GetStreamCommand({ channelArn: arn }))).stream?.state).toBe('LIVE');

  expect((await call(api.who.clients.seller, op.STOP_BROADCAST, { channelId: channel.id })).errors).toEqual(
    [],
  );
  expect(await first.exited).not.toBeUndefined();
  await status.next((event) => event.onChannelStatus.status === 'OFFLINE', 20_000);
  await expect(ivs.send(new GetStreamCommand({ channelArn: arn }))).rejects.toBeInstanceOf(
    ChannelNotBroadcasting,
  );
  ivs.destroy();
  first.stop();
  status.stop();
}, 60_000);
