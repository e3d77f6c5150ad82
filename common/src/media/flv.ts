/**
 * FLV, the container RTMP carries: a 9-byte header, then tags (audio, video or script data), each
 * followed by its size. Only what splicing streams needs: reading tags out of a byte stream as it
 * arrives, telling sequence headers and keyframes apart, and writing tags with new timestamps.
 * Specification: Adobe's "Video File Format Specification, Version 10", annex E.
 */

export enum FlvTagType {
  Audio = 8,
  Video = 9,
  Script = 18,
}

export interface FlvTag {
  type: FlvTagType;
  /** Decode timestamp, in milliseconds. */
  timestamp: number;
  /** The tag's body: for audio and video, the codec header byte(s) and the payload. */
  data: Buffer;
}

const TAG_TYPES = new Set<number>([FlvTagType.Audio, FlvTagType.Video, FlvTagType.Script]);
const TAG_HEADER_BYTES = 11;
const PREVIOUS_TAG_SIZE_BYTES = 4;
const FLV_SIGNATURE = 'FLV';
/** Header flags: the stream has audio (4) and/or video (1). */
const HAS_AUDIO = 4;
const HAS_VIDEO = 1;

/** The FLV file header and the zero "previous tag size" after it. */
export function flvHeader(tracks: { audio: boolean; video: boolean }): Buffer {
  const header = Buffer.alloc(9 + PREVIOUS_TAG_SIZE_BYTES);
  header.write(FLV_SIGNATURE, 0, 'latin1');
  header[3] = 1;
  header[4] = (tracks.audio ? HAS_AUDIO : 0) | (tracks.video ? HAS_VIDEO : 0);
  header.writeUInt32BE(9, 5);
  return header;
}

/** One tag as bytes, followed by its size. */
export function encodeFlvTag(tag: FlvTag): Buffer {
  const bytes = Buffer.alloc(TAG_HEADER_BYTES + tag.data.length + PREVIOUS_TAG_SIZE_BYTES);
  bytes[0] = tag.type;
  bytes.writeUIntBE(tag.data.length, 1, 3);
  // 24 bits of milliseconds, then the upper 8 bits: 32 bits in all (about 49 days).
  const timestamp = Math.max(0, Math.round(tag.timestamp)) >>> 0;
  bytes.writeUIntBE(timestamp & 0xffffff, 4, 3);
  bytes[7] = timestamp >>> 24;
  tag.data.copy(bytes, TAG_HEADER_BYTES);
  bytes.writeUInt32BE(TAG_HEADER_BYTES + tag.data.length, TAG_HEADER_BYTES + tag.data.length);
  return bytes;
}

/** Video tag bodies start with frame type (high nibble) and codec (low nibble); AVC is codec 7. */
const AVC_CODEC = 7;
const KEYFRAME = 1;
/** Audio tag bodies start with the sound format in the high nibble; AAC is 10. */
const AAC_FORMAT = 10;
/** The second byte of an AVC or AAC tag body: 0 is the sequence header (decoder configuration). */
const SEQUENCE_HEADER = 0;

export function isAvc(tag: FlvTag): boolean {
  return (
    tag.type === FlvTagType.Video && tag.data.length >= 2 && (tag.data.readUInt8(0) & 0x0f) === AVC_CODEC
  );
}

export function isAac(tag: FlvTag): boolean {
  return tag.type === FlvTagType.Audio && tag.data.length >= 2 && tag.data.readUInt8(0) >> 4 === AAC_FORMAT;
}

/** The decoder configuration (AVCDecoderConfigurationRecord or AudioSpecificConfig) a decoder needs first. */
export function isSequenceHeader(tag: FlvTag): boolean {
  return (isAvc(tag) || isAac(tag)) && tag.data.readUInt8(1) === SEQUENCE_HEADER;
}

/** A video frame a decoder can start from. */
export function isKeyframe(tag: FlvTag): boolean {
  return isAvc(tag) && tag.data.readUInt8(0) >> 4 === KEYFRAME && tag.data.readUInt8(1) !== SEQUENCE_HEADER;
}

/** The configuration record inside a sequence header tag (after the codec header bytes). */
export function sequenceHeaderPayload(tag: FlvTag): Buffer {
  return tag.data.subarray(tag.type === FlvTagType.Video ? 5 : 2);
}

/** Reads tags out of an FLV byte stream as it arrives, in chunks of any size. */
export class FlvTagReader {
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;

  constructor(private readonly onTag: (tag: FlvTag) => void) {}

  /** Feeds bytes; calls onTag for every tag completed by them. Throws if the bytes are not FLV. */
  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    if (!this.headerRead) {
      if (this.pending.length < 9) return;
      if (this.pending.toString('latin1', 0, 3) !== FLV_SIGNATURE) throw new Error('not an FLV stream');
      offset = this.pending.readUInt32BE(5) + PREVIOUS_TAG_SIZE_BYTES;
      if (this.pending.length < offset) return;
      this.headerRead = true;
    }
    while (this.pending.length - offset >= TAG_HEADER_BYTES) {
      const size = this.pending.readUIntBE(offset + 1, 3);
      const end = offset + TAG_HEADER_BYTES + size + PREVIOUS_TAG_SIZE_BYTES;
      if (this.pending.length < end) break;
      const type = this.pending.readUInt8(offset) & 0x1f;
      const timestamp =
        this.pending.readUInt8(offset + 7) * 0x1000000 + this.pending.readUIntBE(offset + 4, 3);
      // A copy: the chunk it came in is not kept alive by the tag.
      const data = Buffer.from(
        this.pending.subarray(offset + TAG_HEADER_BYTES, offset + TAG_HEADER_BYTES + size),
      );
      offset = end;
      if (TAG_TYPES.has(type)) this.onTag({ type: type, timestamp, data });
    }
    this.pending = this.pending.subarray(offset);
  }
}
