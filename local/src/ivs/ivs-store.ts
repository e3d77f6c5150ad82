/**
 * The emulated IVS account's state: channels and stream keys (persisted as JSON under the data
 * folder, written whole and renamed) and live streams (in memory: a stream ends with the process).
 * The RTMP ingest uses it to check keys and report streams; StopStream and PutMetadata are
 * announced as events.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ChannelRecord {
  arn: string;
  id: string;
  name: string;
  latencyMode: 'LOW' | 'NORMAL';
  type: 'STANDARD' | 'BASIC' | 'ADVANCED_SD' | 'ADVANCED_HD';
  authorized: boolean;
  insecureIngest: boolean;
  recordingConfigurationArn: string;
  preset: string;
  tags: Record<string, string>;
  createdAt: string;
}

export interface StreamKeyRecord {
  arn: string;
  channelArn: string;
  value: string;
  tags: Record<string, string>;
}

export interface StreamRecord {
  channelArn: string;
  streamId: string;
  startTime: string;
  state: 'LIVE' | 'OFFLINE';
  health: 'HEALTHY' | 'STARVING' | 'UNKNOWN';
}

interface PersistedState {
  channels: ChannelRecord[];
  streamKeys: StreamKeyRecord[];
}

export class IvsStore extends EventEmitter<{
  stopStream: [channelArn: string];
  putMetadata: [channelArn: string, metadata: string];
}> {
  readonly channels = new Map<string, ChannelRecord>();
  readonly streamKeys = new Map<string, StreamKeyRecord>();
  readonly streams = new Map<string, StreamRecord>();
  private readonly file: string;

  constructor(dir: string) {
    super();
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'state.json');
    if (existsSync(this.file)) {
      const state = JSON.parse(readFileSync(this.file, 'utf8')) as PersistedState;
      for (const channel of state.channels) this.channels.set(channel.arn, channel);
      for (const key of state.streamKeys) this.streamKeys.set(key.arn, key);
    }
  }

  save(): void {
    const state: PersistedState = {
      channels: [...this.channels.values()],
      streamKeys: [...this.streamKeys.values()],
    };
    writeFileSync(`${this.file}.tmp`, JSON.stringify(state, null, 2), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }

  keysOf(channelArn: string): StreamKeyRecord[] {
    return [...this.streamKeys.values()].filter((key) => key.channelArn === channelArn);
  }

  /** For the ingest: the channel a stream key belongs to, if both still exist. */
  channelForKey(value: string): ChannelRecord | undefined {
    const key = [...this.streamKeys.values()].find((candidate) => candidate.value === value);
    return key ? this.channels.get(key.channelArn) : undefined;
  }

  startStream(channelArn: string, streamId: string): StreamRecord {
    const stream: StreamRecord = {
      channelArn,
      streamId,
      startTime: new Date().toISOString(),
      state: 'LIVE',
      health: 'HEALTHY',
    };
    this.streams.set(channelArn, stream);
    return stream;
  }

  endStream(channelArn: string): void {
    this.streams.delete(channelArn);
  }
}
