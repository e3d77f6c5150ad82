/**
 * The two relays under test, as a broadcaster opens a stream on each: transwrap (a ticket from the
 * API, then its protocol's hello) and the baseline (baseline-relay.ts, run as its own process so
 * that its process tree can be measured like transwrap's).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as op from '@golive/common/api-operations';
import { call } from '@golive/local/testing/api-clients';
import { IngestClient } from '@golive/transwrap/testing/ingest-client';
import type { TranswrapProcess } from '@golive/transwrap/testing/transwrap-process';
import { baselineArgs } from './baseline-relay';
import type { Channels } from './channels';
import type { IndexedMedia } from './media';
import { LIVE_TIMEOUT_MS } from './method';
import type { BenchStream } from './streams';

export type RelayName = 'transwrap' | 'baseline';

export interface Relay {
  name: RelayName;
  pid: number;
  /** Connects the stream and starts its relay; resolves once the relay says it is ready. */
  open(stream: BenchStream): Promise<void>;
}

export function transwrapRelay(process: TranswrapProcess, channels: Channels): Relay {
  return {
    name: 'transwrap',
    pid: process.pid,
    async open(stream) {
      const seller = channels.ownerOf(stream.channelId);
      const ticket = await call<{ startBroadcast: { ticket: string; url: string } }>(
        seller.client,
        op.START_BROADCAST,
        { channelId: stream.channelId },
      );
      const broadcast = ticket.data?.startBroadcast;
      if (!broadcast) throw new Error(`startBroadcast failed: ${JSON.stringify(ticket.errors)}`);
      const client = new IngestClient(broadcast.url);
      stream.attach(client.socket);
      await client.hello(broadcast.ticket, stream.media.media, seller.token);
      await client.next('ready', LIVE_TIMEOUT_MS);
    },
  };
}

export function baselineRelay(child: ChildProcess, port: number, tapPort: number): Relay {
  return {
    name: 'baseline',
    pid: child.pid ?? 0,
    async open(stream) {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
      stream.attach(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      const ready = new Promise<void>((resolve, reject) => {
        socket.once('message', () => resolve());
        socket.once('close', (code) => reject(new Error(`closed ${code}`)));
      });
      socket.send(
        JSON.stringify({
          type: 'start',
          output: `rtmps://127.0.0.1:${tapPort}/app/${stream.key}`,
          video: stream.media.media.video,
        }),
      );
      await ready;
    },
  };
}

export async function startBaseline(ffmpeg: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(__dirname, 'baseline-relay.ts'), [], {
    execArgv: ['--import', require.resolve('tsx')],
    env: { ...process.env, FFMPEG_PATH: ffmpeg },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the baseline relay did not start')), 30_000);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => reject(new Error(`the baseline relay exited (${code})`)));
  });
  return { child, port };
}

/** The FFmpeg arguments each relay uses for `media`, as the results print them. */
export function ffmpegArgsOf(relay: RelayName, media: IndexedMedia): string {
  return relay === 'baseline'
    ? baselineArgs(media.media.video, '<rtmps url>').join(' ')
    : `transwrap/src/relay/ffmpeg-args.ts sourceArgs(${JSON.stringify(media.media)}) + publisherArgs(<rtmps url>)`;
}
