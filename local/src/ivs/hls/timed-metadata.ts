/**
 * Timed metadata as it travels inside fragmented MP4: an ID3 tag (one TXXX frame holding the text
 * PutMetadata was given) in an `emsg` box of the AOM ID3-in-emsg scheme
 * (https://aomediacodec.github.io/id3-emsg/), placed before the fragment it belongs to. Players
 * read it as IVS's own timed metadata: Video.js's HLS engine turns it into a cue on its
 * "Timed Metadata" text track at the fragment's time.
 */

export const ID3_EMSG_SCHEME = 'https://aomedia.org/emsg/ID3';
/** emsg times are in milliseconds: finer than any fragment boundary needs. */
const TIMESCALE = 1000;

/** ID3v2.4 sizes are "syncsafe": 7 bits per byte. */
function syncsafe(size: number): Buffer {
  return Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
}

/** An ID3v2.4 tag with one TXXX frame: UTF-8, empty description, the text as its value. */
export function id3Text(text: string): Buffer {
  const body = Buffer.concat([Buffer.from([0x03, 0x00]), Buffer.from(text, 'utf8')]);
  const frame = Buffer.concat([Buffer.from('TXXX', 'latin1'), syncsafe(body.length), Buffer.alloc(2), body]);
  const header = Buffer.concat([
    Buffer.from('ID3', 'latin1'),
    Buffer.from([4, 0, 0]),
    syncsafe(frame.length),
  ]);
  return Buffer.concat([header, frame]);
}

let nextId = 1;

/** A version 1 emsg box carrying `text` at `atS` seconds of the media timeline. */
export function timedMetadataBox(text: string, atS: number): Buffer {
  const message = id3Text(text);
  const fields = Buffer.alloc(4 + 4 + 8 + 4 + 4);
  fields.writeUInt32BE(0x01000000, 0); // version 1, no flags
  fields.writeUInt32BE(TIMESCALE, 4);
  fields.writeBigUInt64BE(BigInt(Math.max(0, Math.round(atS * TIMESCALE))), 8);
  fields.writeUInt32BE(0xffffffff, 16); // duration unknown: it lasts until the next one
  fields.writeUInt32BE(nextId++ >>> 0, 20);
  const strings = Buffer.from(`${ID3_EMSG_SCHEME}\0\0`, 'latin1'); // scheme, empty value
  const size = 8 + fields.length + strings.length + message.length;
  const header = Buffer.alloc(8);
  header.writeUInt32BE(size, 0);
  header.write('emsg', 4, 'latin1');
  return Buffer.concat([header, fields, strings, message]);
}
