/**
 * The setting of every fault test: a seller's new channel, a viewer watching its status, and a
 * broadcaster going live on a transwrap instance with media at real-time pace.
 */
import * as op from '@golive/common/api-operations';
import { call } from '@golive/local/testing/api-clients';
import type { ApiStack } from '@golive/local/testing/api-stack';
import { collect, type Collected } from '@golive/local/testing/subscriptions';
import type { ServerMessage } from '../protocol/messages';
import { IngestClient } from './ingest-client';
import { browserMedia } from './test-media';

export type ChannelStatusEvent = { onChannelStatus: { status: string } };

export interface WatchedChannel {
  channel: { id: string; playbackUrl: string };
  /** The viewer's onChannelStatus events, subscribed before anything happens. */
  status: Collected<ChannelStatusEvent>;
  /** The seller's startBroadcast: where to go and the single-use ticket. */
  ticket(): Promise<{ url: string; ticket: string }>;
  /**
   * How many times the viewer has seen the channel go LIVE: a LIVE after anything else. transwrap
   * and IVS both report a broadcast LIVE, so one going on air can bring two LIVE events in a row.
   */
  liveCount(): number;
  /** Waits for the channel to go LIVE after it went LIVE `count` times. */
  liveAgain(count: number, timeoutMs?: number): Promise<void>;
}

export async function watchedChannel(api: ApiStack, name: string): Promise<WatchedChannel> {
  const channel = (
    await call<{ createChannel: { id: string; playbackUrl: string } }>(
      api.who.clients.seller,
      op.CREATE_CHANNEL,
      {
        name,
      },
    )
  ).data!.createChannel;
  const status = collect<ChannelStatusEvent>(api.who.clients.viewer, op.ON_CHANNEL_STATUS, {
    id: channel.id,
  });
  await status.ready;
  const lives = () =>
    status.events.filter(
      (event, index, all) =>
        event.onChannelStatus.status === 'LIVE' && all[index - 1]?.onChannelStatus.status !== 'LIVE',
    );
  return {
    channel,
    status,
    ticket: async () =>
      (
        await call<{ startBroadcast: { url: string; ticket: string } }>(
          api.who.clients.seller,
          op.START_BROADCAST,
          {
            channelId: channel.id,
          },
        )
      ).data!.startBroadcast,
    liveCount: () => lives().length,
    liveAgain: async (count, timeoutMs = 20_000) => {
      await status.next(
        (event) => event.onChannelStatus.status === 'LIVE' && lives().indexOf(event) >= count,
        timeoutMs,
      );
    },
  };
}

/** 20 s of WebM H.264+Opus as Chrome records it (made on first use). */
export const testRecording = () => browserMedia('chrome-h264', 20);

/** A new session on the ticket's endpoint: hello, ready, then the whole recording at real-time pace. */
export async function broadcastOn(
  ticket: { url: string; ticket: string },
  accessToken: string,
): Promise<{
  client: IngestClient;
  ready: Extract<ServerMessage, { type: 'ready' }>;
  sending: Promise<void>;
}> {
  const { path, media, seconds } = testRecording();
  const client = new IngestClient(ticket.url);
  await client.hello(ticket.ticket, media, accessToken);
  const ready = await client.next('ready');
  return { client, ready, sending: client.sendFile(path, seconds) };
}
