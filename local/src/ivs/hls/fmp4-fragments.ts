/**
 * Reads FFmpeg's fragmented MP4 (ISO BMFF) as it streams: the header (ftyp + moov) becomes the
 * HLS init section, and each moof + mdat pair one partial segment, with its duration and whether
 * it starts with a keyframe (only such parts may start a segment or be joined at). Only the few
 * boxes and fields that tell those are parsed; the bytes pass through untouched.
 */

export interface Fmp4Init {
  kind: 'init';
  bytes: Buffer;
}

export interface Fmp4Fragment {
  kind: 'fragment';
  bytes: Buffer;
  /** The time it adds to the stream (its tracks' latest end less the last fragment's). */
  durationS: number;
  /** Where it starts on the media timeline (its video's decode time, else its earliest track's). */
  startS: number;
  /** Its video starts with a sync sample (a keyframe); for a stream without video, always. */
  independent: boolean;
}

interface Track {
  id: number;
  timescale: number;
  video: boolean;
  defaultDuration: number;
  defaultFlags: number;
}

interface Box {
  type: string;
  /** The box's content, after its header. */
  body: Buffer;
}

const NON_SYNC_SAMPLE = 0x10000;

/** Splits a buffer holding whole boxes into its boxes. */
function boxesIn(buffer: Buffer): Box[] {
  const boxes: Box[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const { size, headerSize } = boxSize(buffer, offset);
    if (size < headerSize || offset + size > buffer.length) break;
    boxes.push({
      type: buffer.toString('latin1', offset + 4, offset + 8),
      body: buffer.subarray(offset + headerSize, offset + size),
    });
    offset += size;
  }
  return boxes;
}

function boxSize(buffer: Buffer, offset: number): { size: number; headerSize: number } {
  const size = buffer.readUInt32BE(offset);
  if (size === 1) return { size: Number(buffer.readBigUInt64BE(offset + 8)), headerSize: 16 };
  return { size, headerSize: 8 };
}

const child = (box: Box | undefined, type: string) =>
  box ? boxesIn(box.body).find((inner) => inner.type === type) : undefined;
const children = (box: Box, type: string) => boxesIn(box.body).filter((inner) => inner.type === type);

/** The tracks a moov declares: id, timescale, kind, and the fragment defaults from mvex/trex. */
function tracksOf(moov: Box): Track[] {
  const defaults = new Map(
    children(child(moov, 'mvex') ?? { type: 'mvex', body: Buffer.alloc(0) }, 'trex').map((trex) => [
      trex.body.readUInt32BE(4),
      { duration: trex.body.readUInt32BE(12), flags: trex.body.readUInt32BE(20) },
    ]),
  );
  return children(moov, 'trak').flatMap((trak) => {
    const tkhd = child(trak, 'tkhd');
    const mdia = child(trak, 'mdia');
    const mdhd = child(mdia, 'mdhd');
    const hdlr = child(mdia, 'hdlr');
    if (!tkhd || !mdhd || !hdlr) return [];
    const id = tkhd.body.readUInt32BE(tkhd.body[0] === 1 ? 20 : 12);
    const fallback = defaults.get(id);
    return [
      {
        id,
        timescale: mdhd.body.readUInt32BE(mdhd.body[0] === 1 ? 20 : 12),
        video: hdlr.body.toString('latin1', 8, 12) === 'vide',
        defaultDuration: fallback?.duration ?? 0,
        defaultFlags: fallback?.flags ?? 0,
      },
    ];
  });
}

/** Reads a box's fields in order. */
class FieldReader {
  constructor(
    private readonly body: Buffer,
    private at = 0,
  ) {}

  u32(): number {
    const value = this.body.readUInt32BE(this.at);
    this.at += 4;
    return value;
  }

  /** The next 32-bit field if `present`, else `fallback`; absent fields take no room. */
  optional(present: number, fallback: number): number {
    return present ? this.u32() : fallback;
  }

  skip(bytes: number): void {
    this.at += bytes;
  }
}

interface Run {
  track: Track;
  /** Decode time of its first sample (tfdt), in the track's timescale. */
  start: number;
  duration: number;
  samples: number;
  firstFlags: number;
}

/** One track's run in a moof: its total duration (in its timescale) and its first sample's flags. */
function runOf(traf: Box, tracks: Track[]): Run | undefined {
  const tfhd = child(traf, 'tfhd');
  if (!tfhd) return undefined;
  const header = new FieldReader(tfhd.body);
  const tfhdFlags = header.u32() & 0xffffff;
  const trackId = header.u32();
  const track = tracks.find((candidate) => candidate.id === trackId);
  if (!track) return undefined;
  if (tfhdFlags & 0x1) header.skip(8); // base data offset
  header.optional(tfhdFlags & 0x2, 0); // sample description index
  const defaultDuration = header.optional(tfhdFlags & 0x8, track.defaultDuration);
  header.optional(tfhdFlags & 0x10, 0); // default sample size
  const defaultFlags = header.optional(tfhdFlags & 0x20, track.defaultFlags);

  let duration = 0;
  let samples = 0;
  let firstFlags: number | undefined;
  for (const trun of children(traf, 'trun')) {
    const fields = new FieldReader(trun.body);
    const flags = fields.u32() & 0xffffff;
    const count = fields.u32();
    fields.optional(flags & 0x1, 0); // data offset
    const runFirstFlags = fields.optional(flags & 0x4, defaultFlags);
    for (let sample = 0; sample < count; sample++) {
      duration += fields.optional(flags & 0x100, defaultDuration);
      samples += 1;
      fields.optional(flags & 0x200, 0); // size
      const sampleFlags = fields.optional(flags & 0x400, sample === 0 ? runFirstFlags : defaultFlags);
      fields.optional(flags & 0x800, 0); // composition time offset
      firstFlags ??= sampleFlags;
    }
  }
  const tfdt = child(traf, 'tfdt');
  const start = !tfdt
    ? 0
    : tfdt.body[0] === 1
      ? Number(tfdt.body.readBigUInt64BE(4))
      : tfdt.body.readUInt32BE(4);
  return { track, start, duration, samples, firstFlags: firstFlags ?? defaultFlags };
}

/** Feed it FFmpeg's output as it arrives; it calls back with the init section and each fragment. */
export class Fmp4FragmentReader {
  private pending: Buffer = Buffer.alloc(0);
  private header: Buffer[] = [];
  private tracks: Track[] | undefined;
  private moof: Buffer | undefined;
  private timelineEnd: number | undefined;
  private held: Fmp4Fragment[] = [];

  constructor(private readonly onPiece: (piece: Fmp4Init | Fmp4Fragment) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const left = this.pending.length - offset;
      if (left < 8 || (left < 16 && this.pending.readUInt32BE(offset) === 1)) break;
      const { size, headerSize } = boxSize(this.pending, offset);
      if (size < headerSize) throw new Error(`a box of ${size} bytes cannot be read`);
      if (left < size) break;
      const type = this.pending.toString('latin1', offset + 4, offset + 8);
      this.box(type, this.pending.subarray(offset, offset + size), headerSize);
      offset += size;
    }
    this.pending = this.pending.subarray(offset);
  }

  private box(type: string, bytes: Buffer, headerSize: number) {
    if (!this.tracks) {
      this.header.push(bytes);
      if (type === 'moov') {
        this.tracks = tracksOf({ type, body: bytes.subarray(headerSize) });
        this.onPiece({ kind: 'init', bytes: Buffer.concat(this.header) });
        this.header = [];
      }
      return;
    }
    if (type === 'moof') this.moof = bytes;
    else if (type === 'mdat' && this.moof) {
      const fragment = this.fragment(this.moof, bytes);
      this.moof = undefined;
      // A fragment that adds no time (audio that ends before video already did) is no part of
      // its own: it goes out at the front of the next one.
      if (fragment.durationS < 0.001) this.held.push(fragment);
      else this.onPiece(this.joinHeld(fragment));
    }
    // Anything else (mfra at the end, free space) is not media: skipped.
  }

  /**
   * How much time a fragment adds to the stream: from where the last one ended to the latest
   * end of any of its tracks. Tracks do not start and end together (audio may begin later; a
   * camera that sends few frames leaves a fragment without video), so no one track's duration
   * adds up right.
   */
  private spanOf(runs: Run[]): number {
    const ends = runs
      .filter((run) => run.samples > 0)
      .map((run) => (run.start + run.duration) / run.track.timescale);
    if (ends.length === 0) return 0;
    const starts = runs.filter((run) => run.samples > 0).map((run) => run.start / run.track.timescale);
    const from = this.timelineEnd ?? Math.min(...starts);
    this.timelineEnd = Math.max(from, ...ends);
    return this.timelineEnd - from;
  }

  private joinHeld(fragment: Fmp4Fragment): Fmp4Fragment {
    if (this.held.length === 0) return fragment;
    const group = [...this.held, fragment];
    this.held = [];
    return {
      kind: 'fragment',
      bytes: Buffer.concat(group.map((each) => each.bytes)),
      durationS: fragment.durationS,
      startS: Math.min(...group.map((each) => each.startS)),
      // Held fragments have no video of their own past this one's, so its keyframe decides.
      independent: fragment.independent,
    };
  }

  private fragment(moof: Buffer, mdat: Buffer): Fmp4Fragment {
    const runs = children({ type: 'moof', body: moof.subarray(8) }, 'traf').flatMap(
      (traf) => runOf(traf, this.tracks ?? []) ?? [],
    );
    const video = runs.find((run) => run.track.video && run.samples > 0);
    // A stream with video is joinable only where video starts with a keyframe; a fragment that
    // holds only audio (a camera sending few frames) is not such a place.
    const hasVideo = (this.tracks ?? []).some((track) => track.video);
    const withSamples = runs.filter((run) => run.samples > 0);
    const startS = video
      ? video.start / video.track.timescale
      : withSamples.length
        ? Math.min(...withSamples.map((run) => run.start / run.track.timescale))
        : (this.timelineEnd ?? 0);
    return {
      kind: 'fragment',
      bytes: Buffer.concat([moof, mdat]),
      durationS: this.spanOf(runs),
      startS,
      independent: hasVideo ? video !== undefined && (video.firstFlags & NON_SYNC_SAMPLE) === 0 : true,
    };
  }
}
