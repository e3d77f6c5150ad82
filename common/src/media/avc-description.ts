/**
 * The H.264 decoder configuration record (avcC, ISO/IEC 14496-15): its SPS and PPS parameter sets,
 * read strictly (a record that does not hold together is not one) and written back. The browser
 * checks its encoder's record with it (app/src/broadcast/avc-description.ts); transwrap reads the
 * picture size of the SPS it carries (decoder-config.ts).
 */

export const SPS = 7;
export const PPS = 8;

export interface ParameterSets {
  sps: Uint8Array[];
  pps: Uint8Array[];
  /** Bytes in each NAL unit's length prefix in the stream's samples. */
  lengthSize: number;
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
