/**
 * The H.264 decoder configuration record (avcC) a WebCodecs encoder gives as
 * `decoderConfig.description`, checked before it goes into the stream's header. Firefox ESR's
 * encoder gives one whose parameter sets each carry their NAL header byte twice (SPS `67 67 42 …`,
 * PPS `68 68 …`), so their lengths and profile are off by one. Players that read parameter sets
 * from the stream (MPEG-TS) never noticed; a player fed fragmented MP4 configures its decoder from
 * this record and fails on the first keyframe. Where the record does not hold together, it is
 * rebuilt from the SPS and PPS the keyframe carries.
 */

const SPS = 7;
const PPS = 8;

interface ParameterSets {
  sps: Uint8Array[];
  pps: Uint8Array[];
  lengthSize: number;
}

function bytesOf(source: AllowSharedBufferSource): Uint8Array {
  return source instanceof ArrayBuffer || source instanceof SharedArrayBuffer
    ? new Uint8Array(source)
    : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
}

/** The record's parameter sets, or undefined if it does not hold together as one. */
export function readAvcDescription(record: Uint8Array): ParameterSets | undefined {
  if (record.length < 7 || record[0] !== 1) return undefined;
  const lengthSize = (record[4]! & 0x03) + 1;
  let at = 5;
  const take = (count: number, type: number): Uint8Array[] | undefined => {
    const sets: Uint8Array[] = [];
    for (let index = 0; index < count; index++) {
      if (at + 2 > record.length) return undefined;
      const length = (record[at]! << 8) | record[at + 1]!;
      const set = record.subarray(at + 2, at + 2 + length);
      at += 2 + length;
      if (set.length !== length || length < 4 || (set[0]! & 0x1f) !== type) return undefined;
      sets.push(set);
    }
    return sets;
  };
  const sps = take(record[at++]! & 0x1f, SPS);
  if (!sps || sps.length === 0 || at >= record.length) return undefined;
  const pps = take(record[at++]!, PPS);
  if (!pps || pps.length === 0) return undefined;
  // The record repeats the SPS's profile, compatibility and level: they must agree.
  if (sps.some((set) => set[1] !== record[1] || set[3] !== record[3])) return undefined;
  return { sps, pps, lengthSize };
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

export function writeAvcDescription({ sps, pps, lengthSize }: ParameterSets): Uint8Array {
  const first = sps[0]!;
  const sets = [...sps, ...pps];
  const record = new Uint8Array(7 + sets.reduce((sum, set) => sum + 2 + set.length, 0));
  record.set([1, first[1]!, first[2]!, first[3]!, 0xfc | (lengthSize - 1), 0xe0 | sps.length]);
  let at = 6;
  sets.forEach((set, index) => {
    if (index === sps.length) record[at++] = pps.length;
    record.set([set.length >> 8, set.length & 0xff], at);
    record.set(set, at + 2);
    at += 2 + set.length;
  });
  return record;
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
