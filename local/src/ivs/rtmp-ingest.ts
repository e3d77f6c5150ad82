/**
 * The RTMP and RTMPS ingest. node-media-server speaks RTMP (handshake, chunks, AMF); this decides
 * who may publish, as IVS does: a publish to app/<stream key> is accepted only if the key belongs
 * to an existing channel that has no publisher yet. An accepted publish makes the channel live
 * (GetStream, events, HLS); its end or StopStream makes it offline again. Refusals are logged
 * without the key.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import NodeRtmpSession from 'node-media-server/src/node_rtmp_session';
import context from 'node-media-server/src/node_core_ctx';
import { LOG_TYPES, setLogType } from 'node-media-server/src/node_core_logger';
import { randomId } from './ivs-arn';
import type { ChannelRecord, IvsStore } from './ivs-store';
import { HlsPackager } from './hls/hls-packager';
import type { LiveStreams } from './hls/live-streams';
import { streamStateChange, type StreamStateChangeEvent } from './stream-events';
import type { Certificate } from './tls-certificate';

export interface IngestOptions {
  store: IvsStore;
  host: string;
  rtmpPort: number;
  rtmpsPort: number;
  certificate: Certificate;
  ffmpeg: string;
  hlsDir: string;
  /** Where the packagers put the streams they are making, for the HLS server. */
  live: LiveStreams;
  region: string;
  accountId: string;
  onEvent: (event: StreamStateChangeEvent) => void;
  log: (line: string) => void;
}

interface Publish {
  sessionId: string;
  channel: ChannelRecord;
  streamId: string;
  /** Where the packager plays this stream back: a random path, never the stream key. */
  playbackPath?: string;
  packager?: HlsPackager;
}

const SESSION_CONFIG = { rtmp: { chunk_size: 60000, gop_cache: true, ping: 30, ping_timeout: 60 } };
export const INGEST_APP = 'app';

export function playlistName(region: string, accountId: string, channelId: string): string {
  return `${region}.${accountId}.channel.${channelId}.m3u8`;
}

export class RtmpIngest {
  private readonly rtmp: Server;
  private readonly rtmps: TlsServer;
  private readonly sockets = new Set<Socket>();
  /** By RTMP session id. */
  private readonly publishes = new Map<string, Publish>();
  /**
   * Each live stream's playback path, made up when it goes live and given to its packager only
   * (IVS offers no RTMP playback). It is on the packager's command line, which every local user
   * can read, so it is not the stream key: knowing it lets one watch (as HLS lets anyone), never
   * publish.
   */
  private readonly playbackPaths = new Set<string>();

  constructor(private readonly options: IngestOptions) {
    // node-media-server logs stream paths, which hold stream keys: it stays silent, we log.
    setLogType(LOG_TYPES.NONE);
    const accept = (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      new NodeRtmpSession(SESSION_CONFIG, socket).run();
    };
    this.rtmp = createServer(accept);
    this.rtmps = createTlsServer({ key: options.certificate.key, cert: options.certificate.cert }, accept);
    this.rtmps.on('tlsClientError', () => undefined);
    context.nodeEvent.on('prePublish', this.prePublish);
    context.nodeEvent.on('postPublish', this.postPublish);
    context.nodeEvent.on('donePublish', this.donePublish);
    context.nodeEvent.on('prePlay', this.prePlay);
    options.store.on('stopStream', this.stopStream);
    options.store.on('putMetadata', this.putMetadata);
  }

  async start(): Promise<void> {
    const listen = (server: Server | TlsServer, port: number) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, this.options.host, () => resolve());
      });
    await listen(this.rtmp, this.options.rtmpPort);
    await listen(this.rtmps, this.options.rtmpsPort);
  }

  async stop(): Promise<void> {
    context.nodeEvent.off('prePublish', this.prePublish);
    context.nodeEvent.off('postPublish', this.postPublish);
    context.nodeEvent.off('donePublish', this.donePublish);
    context.nodeEvent.off('prePlay', this.prePlay);
    this.options.store.off('stopStream', this.stopStream);
    this.options.store.off('putMetadata', this.putMetadata);
    await Promise.all([...this.publishes.values()].map((publish) => this.end(publish)));
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(
      [this.rtmp, this.rtmps].map((server) => new Promise((resolve) => server.close(resolve))),
    );
  }

  private session(id: string) {
    return context.sessions.get(id);
  }

  private readonly prePublish = (id: string, streamPath: string) => {
    const [, app, key = ''] = streamPath.split('/');
    const session = this.session(id);
    const channel = app === INGEST_APP ? this.options.store.channelForKey(key) : undefined;
    if (!channel) {
      this.options.log(`refused a publish from ${session?.ip ?? '?'}: no channel has this stream key`);
      return session?.reject();
    }
    const busy = [...this.publishes.values()].some((publish) => publish.channel.arn === channel.arn);
    if (busy || this.options.store.streams.has(channel.arn)) {
      this.options.log(`refused a second publisher for channel ${channel.id} from ${session?.ip ?? '?'}`);
      return session?.reject();
    }
    this.publishes.set(id, { sessionId: id, channel, streamId: `st-${randomId(22)}` });
  };

  private readonly postPublish = (id: string) => {
    const publish = this.publishes.get(id);
    if (!publish) return;
    const { store, region, accountId } = this.options;
    store.startStream(publish.channel.arn, publish.streamId);
    this.options.log(`channel ${publish.channel.id} is live (${publish.streamId})`);
    // node-media-server finds a stream by path: the playback path becomes a second name for it.
    publish.playbackPath = `/${INGEST_APP}/${randomBytes(16).toString('hex')}`;
    this.playbackPaths.add(publish.playbackPath);
    context.publishers.set(publish.playbackPath, id);
    publish.packager = new HlsPackager({
      ffmpeg: this.options.ffmpeg,
      source: `rtmp://127.0.0.1:${this.options.rtmpPort}${publish.playbackPath}`,
      hlsDir: this.options.hlsDir,
      playlist: playlistName(region, accountId, publish.channel.id),
      channelId: publish.channel.id,
      live: this.options.live,
      log: this.options.log,
    });
    for (const name of ['Session Created', 'Stream Start'] as const) {
      this.options.onEvent(streamStateChange(name, publish.channel, publish.streamId, { region, accountId }));
    }
  };

  private readonly donePublish = (id: string) => {
    const publish = this.publishes.get(id);
    if (publish) void this.end(publish);
  };

  private async end(publish: Publish): Promise<void> {
    if (!this.publishes.delete(publish.sessionId)) return;
    if (publish.playbackPath) {
      this.playbackPaths.delete(publish.playbackPath);
      context.publishers.delete(publish.playbackPath);
    }
    this.options.store.endStream(publish.channel.arn);
    await publish.packager?.stop();
    this.options.log(`channel ${publish.channel.id} is offline`);
    const { region, accountId } = this.options;
    this.options.onEvent(
      streamStateChange('Stream End', publish.channel, publish.streamId, { region, accountId }),
    );
  }

  private readonly prePlay = (id: string, streamPath: string) => {
    if (!this.playbackPaths.has(streamPath)) this.session(id)?.reject();
  };

  /** StopStream: the publisher is disconnected, as IVS does. */
  private readonly stopStream = (channelArn: string) => {
    for (const publish of this.publishes.values()) {
      if (publish.channel.arn === channelArn) this.session(publish.sessionId)?.reject();
    }
  };

  /** PutMetadata: into the channel's stream where it is now. */
  private readonly putMetadata = (channelArn: string, metadata: string) => {
    for (const publish of this.publishes.values()) {
      if (publish.channel.arn === channelArn) publish.packager?.addMetadata(metadata);
    }
  };
}
