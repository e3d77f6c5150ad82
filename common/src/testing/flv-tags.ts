/**
 * Made-up FLV tags for tests of code that splices or splits FLV: tag bodies as FLV has them (AVC,
 * codec 7: key and inter frames and sequence headers; AAC, format 10), each configuration marked
 * with an id byte so a test can tell one from another, and a short description of a tag
 * (`kind@timestamp`) for readable tables.
 */
import { FlvTagType, type FlvTag } from '../media/flv';

export const avcHeader = (id: number): FlvTag => ({
  type: FlvTagType.Video,
  timestamp: 0,
  data: Buffer.from([0x17, 0, 0, 0, 0, id]),
});

export const keyframe = (timestamp: number): FlvTag => ({
  type: FlvTagType.Video,
  timestamp,
  data: Buffer.from([0x17, 1, 0, 0, 0]),
});

export const frame = (timestamp: number): FlvTag => ({
  type: FlvTagType.Video,
  timestamp,
  data: Buffer.from([0x27, 1, 0, 0, 0]),
});

export const aacHeader = (id: number): FlvTag => ({
  type: FlvTagType.Audio,
  timestamp: 0,
  data: Buffer.from([0xaf, 0, id]),
});

export const audio = (timestamp: number): FlvTag => ({
  type: FlvTagType.Audio,
  timestamp,
  data: Buffer.from([0xaf, 1]),
});

export const script: FlvTag = { type: FlvTagType.Script, timestamp: 0, data: Buffer.from('onMetaData') };

/** `avc-config-<id>`, `aac-config-<id>`, `key`, `frame` or `audio`, then `@timestamp`. */
export function describeTag(tag: FlvTag): string {
  const [head, kind] = [tag.data.readUInt8(0), tag.data.readUInt8(1)];
  const what =
    tag.type === FlvTagType.Audio
      ? kind === 0
        ? `aac-config-${tag.data.readUInt8(2)}`
        : 'audio'
      : kind === 0
        ? `avc-config-${tag.data.readUInt8(5)}`
        : head >> 4 === 1
          ? 'key'
          : 'frame';
  return `${what}@${tag.timestamp}`;
}
