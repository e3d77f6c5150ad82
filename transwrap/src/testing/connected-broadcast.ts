/**
 * A seller going live the way the PWA will: a BroadcastConnection fed by a FileRecorder that starts
 * over whenever the connection asks for a new recording, on a channel a viewer watches.
 */
import { WebSocket } from 'ws';
import type { ApiStack } from '@golive/local/testing/api-stack';
import {
  BroadcastConnection,
  BroadcastEvent,
  type BroadcastConnectionOptions,
  type BroadcastEnd,
  type BroadcastState,
  type SocketLike,
} from '../client/broadcast-connection';
import { FileRecorder } from './file-recorder';
import { testRecording, watchedChannel, type WatchedChannel } from './test-broadcast';

export interface ConnectedBroadcast {
  watched: WatchedChannel;
  connection: BroadcastConnection;
  recorder: FileRecorder;
  /** Every state the connection went through after `connecting`. */
  states: BroadcastState[];
  ended: Promise<BroadcastEnd>;
}

export interface SellersNetwork {
  /** Reroutes a socket (through a proxy, say). */
  socketUrl?: (url: string) => string;
  /** False while the seller's device cannot reach the API or Cognito. */
  online?: () => boolean;
}

/** Resolves once the channel is LIVE. */
export async function liveThroughConnection(
  api: ApiStack,
  name: string,
  network: SellersNetwork = {},
  connectionOptions: Partial<BroadcastConnectionOptions> = {},
): Promise<ConnectedBroadcast> {
  const watched = await watchedChannel(api, name);
  const { socketUrl = (url: string) => url, online = () => true } = network;
  const whenOnline = <T>(request: () => Promise<T>) =>
    online() ? request() : Promise.reject(new TypeError('Failed to fetch'));
  const options: BroadcastConnectionOptions = {
    ticket: () => whenOnline(() => watched.ticket()),
    accessToken: () => whenOnline(() => Promise.resolve(api.who.tokens.seller)),
    media: testRecording().media,
    openSocket: (url, protocol) => new WebSocket(socketUrl(url), protocol) as unknown as SocketLike,
    ...connectionOptions,
  };
  const connection = new BroadcastConnection(options);
  const recorder = new FileRecorder((chunk) => connection.send(chunk));
  const states: BroadcastState[] = [];
  connection.on(BroadcastEvent.StateChanged, (state) => states.push(state));
  connection.on(BroadcastEvent.NewRecording, () => {
    recorder.stop();
    recorder.start();
  });
  const ended = new Promise<BroadcastEnd>((resolve) => connection.once(BroadcastEvent.Ended, resolve));
  connection.start();
  await watched.liveAgain(0);
  return { watched, connection, recorder, states, ended };
}
