/**
 * Where a restarted FFmpeg can pick up a container byte stream: it needs the stream's header
 * (WebM: everything before the first Cluster; fragmented MP4: ftyp + moov, everything before the
 * first moof) and then data from the start of a later cluster or fragment. This watches the bytes
 * going by and remembers the header.
 */
import type { Container } from '../protocol/messages';

/** Matroska Cluster element id, and the MP4 `moof` box type (after a 4-byte size). */
const BOUNDARY: Record<Container, Buffer> = {
  webm: Buffer.from([0x1f, 0x43, 0xb6, 0x75]),
  mp4: Buffer.from('moof', 'latin1'),
};
/** How far before the match the unit starts (MP4 boxes start with their 4-byte size). */
const OFFSET: Record<Container, number> = { webm: 0, mp4: 4 };
const MAX_HEADER_BYTES = 1024 * 1024;

export class MediaResumePoint {
  private headerParts: Buffer[] = [];
  private headerBytes = 0;
  /** The header, once the first boundary has been seen. */
  header?: Buffer;
  /** The last few bytes of the previous chunk, so a boundary split across chunks is found. */
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly container: Container) {}

  /**
   * Feeds a chunk. When a cluster (fragment) starts in it, returns the bytes from that start to the
   * chunk's end, including any part of the boundary that came at the end of the previous chunk.
   */
  observe(chunk: Buffer): Buffer | undefined {
    const boundary = BOUNDARY[this.container];
    const joined = Buffer.concat([this.tail, chunk]);
    const found = joined.indexOf(boundary);
    this.tail = joined.subarray(Math.max(0, joined.length - boundary.length - OFFSET[this.container]));
    const start = found < 0 ? undefined : Math.max(0, found - OFFSET[this.container]);
    if (!this.header) {
      const inChunk = start === undefined ? undefined : Math.max(0, start - (joined.length - chunk.length));
      if (inChunk === undefined) {
        if (this.headerBytes + chunk.length <= MAX_HEADER_BYTES) {
          this.headerParts.push(chunk);
          this.headerBytes += chunk.length;
        }
      } else {
        this.header = Buffer.concat([...this.headerParts, chunk.subarray(0, inChunk)]);
        this.headerParts = [];
      }
    }
    return start === undefined ? undefined : joined.subarray(start);
  }

  /**
   * A chunk that goes through untouched (nobody needs a boundary in it): only its last bytes are
   * kept, in case a boundary starts there. Cheaper than observe(), which copies every chunk.
   */
  pass(chunk: Buffer): void {
    const keep = BOUNDARY[this.container].length + OFFSET[this.container];
    this.tail =
      chunk.length >= keep
        ? chunk.subarray(chunk.length - keep)
        : Buffer.concat([this.tail, chunk]).subarray(-keep);
  }

  /** The next chunk does not follow on from the last: forget the last chunk's tail. */
  discontinuity(): void {
    this.tail = Buffer.alloc(0);
  }
}
