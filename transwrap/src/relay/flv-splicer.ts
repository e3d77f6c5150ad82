/**
 * One continuous FLV stream out of several inputs (the seller's media, the slate), as the
 * publisher sends it to IVS. A switch of input, or a new publisher, waits for a keyframe of the
 * input, sends that input's sequence headers again (a decoder that joins there, or a stream that
 * changes there, needs them), and maps the input's timestamps so the output's run on from the
 * last frame sent: timestamps never go back on a track, and never jump ahead.
 */
import {
  encodeFlvTag,
  flvHeader,
  FlvTagType,
  isKeyframe,
  isSequenceHeader,
  type FlvTag,
} from '@golive/common/media/flv';

export type SplicerInput = 'seller' | 'slate';

/** The gap left between the last frame of one input and the first of the next: one frame at 30 fps. */
export const SWITCH_GAP_MS = 33;

interface Headers {
  video?: FlvTag;
  audio?: FlvTag;
}

export class FlvSplicer {
  private input: SplicerInput = 'seller';
  /** Waiting for a keyframe of the current input before anything of it is sent. */
  private joining = false;
  private offset = 0;
  /** The last timestamp sent, per track; -1: nothing yet. */
  private readonly lastSent = { [FlvTagType.Audio]: -1, [FlvTagType.Video]: -1 };
  /** Where the current input joined: its tags from before (audio that came late) are dropped. */
  private joinedAt = 0;
  private readonly headers: Record<SplicerInput, Headers> = { seller: {}, slate: {} };

  constructor(private readonly write: (bytes: Buffer) => void) {}

  /** A new output (a new publisher): the FLV header, then the current input from its next keyframe. */
  start(tracks: { audio: boolean; video: boolean }): void {
    this.write(flvHeader(tracks));
    this.joining = true;
  }

  /** From the next keyframe of `input` on, it is what goes out. */
  switchTo(input: SplicerInput): void {
    if (input === this.input && !this.joining) return;
    this.input = input;
    this.joining = true;
  }

  /** The input's next tags do not follow on from its last (its FFmpeg was restarted): join it again. */
  rejoin(input: SplicerInput): void {
    if (input === this.input) this.joining = true;
  }

  /** A tag from one of the inputs; only the current input's reach the output. */
  push(from: SplicerInput, tag: FlvTag): void {
    if (tag.type === FlvTagType.Script) return; // the publisher writes its own metadata
    const track = tag.type === FlvTagType.Video ? 'video' : 'audio';
    if (isSequenceHeader(tag)) {
      this.headers[from][track] = tag;
      // A configuration change within the input goes out where it happens.
      if (from === this.input && !this.joining) this.send(tag, this.lastSentAny());
      return;
    }
    if (from !== this.input) return;
    if (this.joining) {
      if (!isKeyframe(tag)) return;
      const joinAt = this.lastSentAny() < 0 ? 0 : this.lastSentAny() + SWITCH_GAP_MS;
      this.offset = joinAt - tag.timestamp;
      this.joinedAt = joinAt;
      this.joining = false;
      const { video, audio } = this.headers[from];
      for (const header of [video, audio]) if (header) this.send(header, joinAt);
    }
    const timestamp = tag.timestamp + this.offset;
    if (timestamp < this.joinedAt || timestamp < this.lastSent[tag.type]) return;
    this.send(tag, timestamp);
    this.lastSent[tag.type] = timestamp;
  }

  private lastSentAny(): number {
    return Math.max(this.lastSent[FlvTagType.Audio], this.lastSent[FlvTagType.Video]);
  }

  private send(tag: FlvTag, timestamp: number): void {
    this.write(encodeFlvTag({ ...tag, timestamp: Math.max(0, timestamp) }));
  }
}
