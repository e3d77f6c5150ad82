/**
 * A measuring point in front of the local IVS ingest: an RTMPS listener (with the ingest's own
 * certificate) that forwards every byte both ways to the local IVS's RTMP port, and reads the
 * publisher's side of the conversation as it passes. It follows the RTMP chunk stream far enough
 * to see the stream key (`publish`) and the moment the last byte of each H.264 video message
 * arrives, and tells its listener; nothing is changed or held back (the bytes are forwarded as
 * they arrive, with the socket's own backpressure).
 */
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { clock } from './clock';

export interface VideoArrival {
  /** The stream key the publisher named. */
  key: string;
  /** The FLV/RTMP timestamp of the frame (decode time, ms). */
  timestamp: number;
  /** clock() when its last byte arrived. */
  at: number;
}

const HANDSHAKE_BYTES = 1 + 1536 + 1536; // C0 + C1, then C2 after the server's S0-S2
const HEADER_BYTES = [11, 7, 3, 0];
const TYPE_SET_CHUNK_SIZE = 1;
const TYPE_VIDEO = 9;
const TYPE_AMF0_COMMAND = 20;

interface ChunkStream {
  timestampField: number;
  timestamp: number;
  length: number;
  type: number;
  extended: boolean;
  /** Bytes of the current message still to come (0: the next chunk starts a new message). */
  remaining: number;
  /** The start of the current message: enough of it to read what we need. */
  head: Buffer;
  headBytes: number;
}

/** Reads the client-to-server half of one RTMP connection, byte by byte where it must. */
class RtmpChunkReader {
  private handshakeLeft = HANDSHAKE_BYTES;
  private chunkSize = 128;
  private readonly streams = new Map<number, ChunkStream>();
  private readonly header = Buffer.alloc(18);
  private headerBytes = 0;
  private current?: ChunkStream;
  /** Payload bytes left in the chunk being read. */
  private chunkLeft = 0;
  key?: string;

  constructor(
    private readonly onMessage: (reader: RtmpChunkReader, stream: ChunkStream, at: number) => void,
  ) {}

  push(data: Buffer, at: number): void {
    let offset = 0;
    if (this.handshakeLeft > 0) {
      const skip = Math.min(this.handshakeLeft, data.length);
      this.handshakeLeft -= skip;
      offset = skip;
    }
    while (offset < data.length) {
      if (this.current && this.chunkLeft > 0) {
        const stream = this.current;
        const take = Math.min(this.chunkLeft, data.length - offset);
        if (stream.headBytes < stream.head.length) {
          const copied = data.copy(stream.head, stream.headBytes, offset, offset + take);
          stream.headBytes += copied;
        }
        offset += take;
        this.chunkLeft -= take;
        stream.remaining -= take;
        if (this.chunkLeft === 0) {
          this.current = undefined;
          if (stream.remaining === 0) this.onMessage(this, stream, at);
        }
        continue;
      }
      // A chunk header: basic header (1-3 bytes), message header (0/3/7/11), extended timestamp (0/4).
      this.header[this.headerBytes++] = data[offset++]!;
      if (this.headerBytes < this.headerLength()) continue;
      this.startChunk();
      this.headerBytes = 0;
    }
  }

  /** The header's length as far as the bytes read so far tell (extended timestamp included once known). */
  private headerLength(): number {
    const first = this.header[0]!;
    const basic = (first & 0x3f) === 0 ? 2 : (first & 0x3f) === 1 ? 3 : 1;
    const fmt = first >> 6;
    const length = basic + HEADER_BYTES[fmt]!;
    if (this.headerBytes < length) return length;
    let extended: boolean;
    if (fmt === 3) extended = this.streams.get(this.chunkStreamId(basic))?.extended ?? false;
    else extended = this.header.readUIntBE(basic, 3) === 0xffffff;
    return length + (extended ? 4 : 0);
  }

  private chunkStreamId(basic: number): number {
    const first = this.header[0]!;
    if (basic === 1) return first & 0x3f;
    if (basic === 2) return 64 + this.header[1]!;
    return 64 + this.header[1]! + this.header[2]! * 256;
  }

  private startChunk(): void {
    const first = this.header[0]!;
    const basic = (first & 0x3f) === 0 ? 2 : (first & 0x3f) === 1 ? 3 : 1;
    const fmt = first >> 6;
    const id = this.chunkStreamId(basic);
    let stream = this.streams.get(id);
    if (!stream) {
      stream = {
        timestampField: 0,
        timestamp: 0,
        length: 0,
        type: 0,
        extended: false,
        remaining: 0,
        head: Buffer.alloc(0),
        headBytes: 0,
      };
      this.streams.set(id, stream);
    }
    let at = basic;
    if (fmt <= 2) {
      stream.timestampField = this.header.readUIntBE(at, 3);
      stream.extended = stream.timestampField === 0xffffff;
      at += 3;
    }
    if (fmt <= 1) {
      stream.length = this.header.readUIntBE(at, 3);
      stream.type = this.header[at + 3]!;
      at += 4;
    }
    if (fmt === 0) at += 4; // message stream id
    const field = stream.extended ? this.header.readUInt32BE(at) : stream.timestampField;
    if (stream.remaining === 0) {
      // A new message: type 0 carries the absolute time, the others a delta (type 3 repeats the last).
      stream.timestamp = fmt === 0 ? field : stream.timestamp + field;
      stream.remaining = stream.length;
      // Commands and settings are read whole; of media, only the first bytes (the FLV tag header).
      const whole = stream.type === TYPE_AMF0_COMMAND || stream.type === TYPE_SET_CHUNK_SIZE;
      const keep = stream.type === TYPE_VIDEO ? 2 : whole ? Math.min(stream.length, 4096) : 0;
      if (stream.head.length !== keep) stream.head = Buffer.alloc(keep);
      stream.headBytes = 0;
    }
    this.current = stream;
    this.chunkLeft = Math.min(this.chunkSize, stream.remaining);
    if (this.chunkLeft === 0) {
      this.current = undefined;
      this.onMessage(this, stream, clock());
    }
  }

  /** Called by the message handler for Set Chunk Size. */
  setChunkSize(size: number): void {
    this.chunkSize = size & 0x7fffffff;
  }
}

/** The stream name of an AMF0 `publish` command, if this is one. */
function publishedName(message: Buffer): string | undefined {
  const readString = (at: number): [string, number] | undefined =>
    message[at] === 0x02 && at + 3 <= message.length
      ? [
          message.toString('utf8', at + 3, at + 3 + message.readUInt16BE(at + 1)),
          at + 3 + message.readUInt16BE(at + 1),
        ]
      : undefined;
  const command = readString(0);
  if (!command || command[0] !== 'publish') return undefined;
  let at = command[1];
  if (message[at] !== 0x00) return undefined; // transaction id: a number
  at += 9;
  if (message[at] === 0x05) at += 1; // null command object
  return readString(at)?.[0].split('?')[0];
}

export class RtmpTap {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    certificate: { key: string; cert: string },
    private readonly upstreamPort: number,
    private readonly onVideo: (arrival: VideoArrival) => void,
  ) {
    this.server = createServer({ key: certificate.key, cert: certificate.cert }, (socket) =>
      this.accept(socket),
    );
    this.server.on('tlsClientError', () => undefined);
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  private accept(client: TLSSocket): void {
    const upstream = connect(this.upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const reader = new RtmpChunkReader((reader, message, at) => {
      if (message.type === TYPE_SET_CHUNK_SIZE && message.headBytes >= 4)
        reader.setChunkSize(message.head.readUInt32BE(0));
      else if (message.type === TYPE_AMF0_COMMAND) {
        const key = publishedName(message.head.subarray(0, message.headBytes));
        if (key) reader.key = key;
      } else if (message.type === TYPE_VIDEO && reader.key && message.headBytes >= 2) {
        // FLV video tag: frame type/codec, then the AVC packet type (1: frames; 0: decoder config).
        if ((message.head[0]! & 0x0f) === 7 && message.head[1] !== 1) return;
        this.onVideo({ key: reader.key, timestamp: message.timestamp, at });
      }
    });
    // Read as the bytes pass; `pipe` forwards them, pausing when the ingest does not keep up.
    client.on('data', (data: Buffer) => reader.push(data, clock()));
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
