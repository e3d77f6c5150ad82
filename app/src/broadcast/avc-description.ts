/**
 * The H.264 decoder configuration record (avcC) a WebCodecs encoder gives as
 * `decoderConfig.description`, checked before it goes into the stream's header. Firefox ESR's
 * encoder gives one whose parameter sets each carry their NAL header byte twice (SPS `67 67 42 …`,
 * PPS `68 68 …`), so their lengths and profile are off by one. Players that read parameter sets
 * from the stream (MPEG-TS) never noticed; a player fed fragmented MP4 configures its decoder from
 * this record and fails on the first keyframe. Where the record does not hold together, it is
 * rebuilt from the SPS and PPS the keyframe carries.
 */
import { PPS, readAvcDescription, SPS, writeAvcDescription } from '@golive/common/media/avc-description';

function bytesOf(source: AllowSharedBufferSource): Uint8Array {
  return source instanceof ArrayBuffer || source instanceof SharedArrayBuffer
    ? new Uint8Array(source)
    : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
}

/** The SPS and PPS NAL units in a length-prefixed ('avc' format) access unit. */
function parameterSetsIn(unit: Uint8Array, lengthSize: number): { sps: Uint8Array[]; pps: Uint8Array[] } {
  const found = { sps: [] as Uint8Array[], pps: [] as Uint8Array[] };
  for (let at = 0; at + lengthSize <= unit.length;) {
    let length = 0;
    for (let byte = 0; byte < lengthSize; byte++) length = length * 256 + unit[at + byte]!;
    const nal = unit.subarray(at + lengthSize, at + lengthSize + length);
    at += lengthSize + length;
    if (nal.length === 0) break;
    if ((nal[0]! & 0x1f) === SPS) found.sps.push(nal);
    if ((nal[0]! & 0x1f) === PPS) found.pps.push(nal);
  }
  return found;
}

/**
 * The description to put in the stream's header: the encoder's own where it holds together, else
 * one made from the keyframe's SPS and PPS (else the encoder's, for want of better).
 */
export function checkedAvcDescription(
  description: AllowSharedBufferSource,
  keyframe: Uint8Array,
): AllowSharedBufferSource {
  const record = bytesOf(description);
  if (readAvcDescription(record)) return description;
  const lengthSize = record.length > 4 ? (record[4]! & 0x03) + 1 : 4;
  const inBand = parameterSetsIn(keyframe, lengthSize);
  if (inBand.sps.length === 0 || inBand.pps.length === 0) return description;
  return writeAvcDescription({ ...inBand, lengthSize });
}
