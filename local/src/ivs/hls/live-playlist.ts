/**
 * One live stream's low-latency HLS media playlist (RFC 8216bis: partial segments, blocking
 * playlist reload, preload hints), as a model: parts go in as FFmpeg finishes them, the playlist
 * text comes out, and requests can wait for a part or segment that is about to exist. Segments
 * start at keyframes, so each one is a GOP (IVS's 2 s keyframe interval) made of ~0.3 s parts.
 * File naming and I/O belong to the packager; this only says what is listed where.
 */

export interface LivePlaylistOptions {
  /** Prefix of every media URI, relative to the playlist, e.g. `<channelId>/`. */
  mediaPrefix: string;
  /** EXT-X-PART-INF's PART-TARGET: no part is meant to be longer. */
  partTargetS: number;
  /** How many whole segments the playlist lists. */
  windowSegments: number;
}

export interface PartInfo {
  durationS: number;
  /** Starts with a keyframe. */
  independent: boolean;
}

interface Part extends PartInfo {
  /** Running number over the whole broadcast: parts are named by it (a preload hint must name the next one before anyone knows which segment it opens). */
  number: number;
}

interface Segment {
  msn: number;
  parts: Part[];
  startedAt: Date;
  complete: boolean;
  /** Its init section: a new one at each discontinuity. */
  map: string;
  /** The discontinuities up to and including this segment's own (EXT-X-DISCONTINUITY before it). */
  discontinuitySequence: number;
  discontinuity: boolean;
}

/** Where a part landed, and which segment it closed. */
export interface PartPlacement {
  msn: number;
  part: number;
  number: number;
  /** The segment this part's arrival completed (it started a new one), if any. */
  completed?: { msn: number; parts: number[] };
}

const durationOf = (segment: Segment) => segment.parts.reduce((sum, part) => sum + part.durationS, 0);
const seconds = (value: number) => value.toFixed(3);

export class LivePlaylist {
  private segments: Segment[] = [];
  private nextPartNumber = 0;
  private longestSegmentS = 0;
  private waiters = new Set<() => void>();
  private period = 0;
  /** The next part starts a segment after a discontinuity (a new period, with its own init section). */
  private discontinuityPending = false;
  ended = false;

  constructor(private readonly options: LivePlaylistOptions) {}

  /** The URI of part number `number`, and of segment `msn`, relative to the playlist. */
  partUri(number: number): string {
    return `${this.options.mediaPrefix}part-${number}.mp4`;
  }

  segmentUri(msn: number): string {
    return `${this.options.mediaPrefix}${msn}.mp4`;
  }

  /** The current period's init section: the first one's is init.mp4. */
  initUri(): string {
    return `${this.options.mediaPrefix}${this.period === 0 ? 'init' : `init-${this.period}`}.mp4`;
  }

  /**
   * The stream's decoder configuration changes (a slate in place of the camera, or back): the
   * next part starts a new segment, after an EXT-X-DISCONTINUITY, with the new init section.
   * Returns that init section's URI, for the packager to write.
   */
  discontinuity(): string {
    this.period++;
    this.discontinuityPending = this.segments.length > 0;
    return this.initUri();
  }

  /** The number the next part will have, so the packager can write it before it is listed. */
  get upcomingPartNumber(): number {
    return this.nextPartNumber;
  }

  /** The oldest segment still listed; older ones may be deleted. */
  get mediaSequence(): number {
    return this.complete()[0]?.msn ?? this.segments[0]?.msn ?? 0;
  }

  add(info: PartInfo, now = new Date()): PartPlacement {
    if (this.ended) throw new Error('the playlist has ended');
    let open = this.segments.at(-1);
    let completed: PartPlacement['completed'];
    // A keyframe starts the next segment; so does the very first part, keyframe or not, and the
    // first of a new period.
    const discontinuity = this.discontinuityPending;
    if (!open || open.complete || discontinuity || (info.independent && open.parts.length > 0)) {
      if (open && !open.complete) completed = this.close(open);
      open = {
        msn: (open?.msn ?? -1) + 1,
        parts: [],
        startedAt: now,
        complete: false,
        map: this.initUri(),
        discontinuity,
        discontinuitySequence: (open?.discontinuitySequence ?? 0) + (discontinuity ? 1 : 0),
      };
      this.discontinuityPending = false;
      this.segments.push(open);
    }
    const part: Part = { ...info, number: this.nextPartNumber++ };
    open.parts.push(part);
    this.trim();
    this.wake();
    return { msn: open.msn, part: open.parts.length - 1, number: part.number, completed };
  }

  /** The broadcast is over: the open segment is complete, and the playlist says ENDLIST. */
  end(): PartPlacement['completed'] {
    if (this.ended) return undefined;
    const open = this.segments.at(-1);
    const completed = open && !open.complete && open.parts.length > 0 ? this.close(open) : undefined;
    this.ended = true;
    this.wake();
    return completed;
  }

  /**
   * What a blocking playlist reload for `_HLS_msn=msn` (and `_HLS_part=part`) waits for: that
   * segment complete, or that part of it listed; also true once it is too old to be listed, or
   * the playlist has ended (the answer then is the final playlist).
   */
  reached(msn: number, part?: number): boolean {
    if (this.ended) return true;
    const segment = this.segments.find((candidate) => candidate.msn === msn);
    if (!segment) return msn < (this.segments[0]?.msn ?? 0);
    return segment.complete || (part !== undefined && segment.parts.length > part);
  }

  /** Part number `number` exists. */
  hasPart(number: number): boolean {
    return number < this.nextPartNumber;
  }

  /** The newest segment number a blocking reload may ask for: the open one, or the one after the last complete. */
  get nextMsn(): number {
    const open = this.segments.at(-1);
    return open ? (open.complete ? open.msn + 1 : open.msn) : 0;
  }

  /** Resolves true once `ready()` holds, false if the playlist ends first or `timeoutMs` passes. */
  when(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    if (ready()) return Promise.resolve(true);
    if (this.ended) return Promise.resolve(false);
    return new Promise((resolve) => {
      const check = () => {
        if (ready()) finish(true);
        else if (this.ended) finish(false);
      };
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  /** EXT-X-TARGETDURATION: the longest segment so far, rounded; IVS's 2 s keyframe interval until one is complete. */
  get targetDuration(): number {
    return Math.max(1, Math.round(this.longestSegmentS) || 2);
  }

  render(): string {
    const { partTargetS } = this.options;
    const listed = this.listed();
    const targetDuration = this.targetDuration;
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:6',
      `#EXT-X-TARGETDURATION:${targetDuration}`,
      `#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${seconds(3 * partTargetS)}`,
      `#EXT-X-PART-INF:PART-TARGET=${seconds(partTargetS)}`,
      `#EXT-X-MEDIA-SEQUENCE:${listed[0]?.msn ?? 0}`,
      ...(listed[0]?.discontinuitySequence
        ? [`#EXT-X-DISCONTINUITY-SEQUENCE:${listed[0].discontinuitySequence}`]
        : []),
      ...this.startTag(listed),
      `#EXT-X-MAP:URI="${listed[0]?.map ?? this.initUri()}"`,
    ];
    // Parts are listed for the last three target durations, as the spec asks; older ones are whole segments.
    let partsFrom = listed.length;
    for (let seen = 0; partsFrom > 0 && seen < 3 * targetDuration;) seen += durationOf(listed[--partsFrom]!);
    listed.forEach((segment, index) => {
      if (segment.discontinuity && index > 0)
        lines.push('#EXT-X-DISCONTINUITY', `#EXT-X-MAP:URI="${segment.map}"`);
      lines.push(`#EXT-X-PROGRAM-DATE-TIME:${segment.startedAt.toISOString()}`);
      if (index >= partsFrom) {
        for (const part of segment.parts) {
          const independent = part.independent ? ',INDEPENDENT=YES' : '';
          lines.push(
            `#EXT-X-PART:DURATION=${seconds(part.durationS)},URI="${this.partUri(part.number)}"${independent}`,
          );
        }
      }
      if (segment.complete)
        lines.push(`#EXTINF:${seconds(durationOf(segment))},`, this.segmentUri(segment.msn));
    });
    if (this.ended) lines.push('#EXT-X-ENDLIST');
    else if (listed.length > 0)
      lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${this.partUri(this.nextPartNumber)}"`);
    return `${lines.join('\n')}\n`;
  }

  /**
   * Where a new viewer should start: the newest keyframe at least PART-HOLD-BACK before the end.
   * A player that starts anywhere else decodes nothing until the next keyframe (up to a segment
   * later); from a keyframe the first frame shows as soon as its part arrives, and the player
   * catches up from there. (No EXT-X-INDEPENDENT-SEGMENTS either: Video.js's HLS engine would take
   * every part to be a keyframe.)
   *
   * The offset counts from the playlist's beginning, not back from its end as is usual: Video.js's
   * HLS engine (VHS 3.x) takes the segment still being written to be a whole target duration long,
   * so an offset from the end landed it up to 2 s later than meant, between keyframes. When that
   * was the second part of a segment, it fetched the keyframe part before it but appended it where
   * the second part goes, found the picture still missing, and fetched the same part again and
   * again until it gave up: "No available working or supported playlists" (CODE:3). Counted from
   * the beginning, the offset is exact.
   */
  private startTag(listed: Segment[]): string[] {
    const parts = listed.flatMap((segment) => segment.parts);
    const end = parts.reduce((sum, part) => sum + part.durationS, 0);
    const holdBack = 3 * this.options.partTargetS;
    let at = 0;
    let start: number | undefined;
    for (const part of parts) {
      if (part.independent && (start === undefined || at <= end - holdBack + 1e-6)) start = at;
      at += part.durationS;
    }
    return start === undefined ? [] : [`#EXT-X-START:TIME-OFFSET=${seconds(start)},PRECISE=YES`];
  }

  private close(segment: Segment): PartPlacement['completed'] {
    segment.complete = true;
    this.longestSegmentS = Math.max(this.longestSegmentS, durationOf(segment));
    return { msn: segment.msn, parts: segment.parts.map((part) => part.number) };
  }

  /** The segments listed: the last windowSegments complete ones, and the open one. */
  private listed(): Segment[] {
    const complete = this.complete();
    const open = this.segments.filter((segment) => !segment.complete);
    return [...complete.slice(-this.options.windowSegments), ...open];
  }

  private complete(): Segment[] {
    return this.segments.filter((segment) => segment.complete).slice(-this.options.windowSegments);
  }

  private trim() {
    const keepFrom = this.listed()[0]?.msn ?? 0;
    this.segments = this.segments.filter((segment) => segment.msn >= keepFrom);
  }

  private wake() {
    for (const waiter of [...this.waiters]) waiter();
  }
}
