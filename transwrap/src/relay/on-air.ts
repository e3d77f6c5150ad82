/**
 * What goes on air: the seller's media while it flows, the slate while it does not. The slate
 * comes on when the seller's video has stopped for `slateAfterMs` (or at once when the seller's
 * connection is known to be gone), and goes off at the first keyframe of the seller's media that
 * is live again: media the browser held while it was away, sent in a burst on resuming, is older
 * than what viewers were shown, so it is skipped rather than put on air late.
 */
import { EventEmitter } from 'node:events';
import { aacAudioFormat, avcPictureSize } from '@golive/common/media/decoder-config';
import {
  FlvTagType,
  isKeyframe,
  isSequenceHeader,
  sequenceHeaderPayload,
  type FlvTag,
} from '@golive/common/media/flv';
import { FlvSplicer } from './flv-splicer';
import { AAC_FRAME_SAMPLES, SLATE_FPS, type SlateClip, type SlateFormat, type SlateMaker } from './slate';

export interface OnAirOptions {
  slates?: SlateMaker;
  /** The seller's video stopped this long: the slate comes on. */
  slateAfterMs: number;
  /** The seller sends audio (the slate then carries silence). */
  audio: boolean;
  log: (message: string, detail?: Record<string, unknown>) => void;
}

export enum OnAirEvent {
  SlateOn = 'slateOn',
  SlateOff = 'slateOff',
}

interface OnAirEvents {
  [OnAirEvent.SlateOn]: [];
  [OnAirEvent.SlateOff]: [];
}

/**
 * Slates one broadcast may have made: a stream whose picture size keeps changing would otherwise
 * cost an encode (about half a second of CPU) each time.
 */
const MAX_SLATE_FORMATS = 4;
/** Seller media this far behind where the seller's clock must be now is backlog, not live. */
const BACKLOG_MS = 2500;
/** After this long flowing again, the seller's media goes on air whatever its timestamps say. */
const BACK_FOR_SURE_MS = 3000;
const SLATE_TICK_MS = 20;
const WATCH_TICK_MS = 200;

export class OnAir extends EventEmitter<OnAirEvents> {
  private readonly splicer: FlvSplicer;
  private format: Partial<SlateFormat> = {};
  private readonly formatsAsked = new Set<string>();
  private clip?: SlateClip;
  /** The seller's last video frame sent on: its timestamp, and when it came. */
  private lastSeller?: { timestamp: number; at: number };
  /** While the slate is on: when it came on, and when the seller's media started flowing again. */
  private slate?: { startedAt: number; videoFrames: number; audioFrames: number; backSince?: number };
  private readonly watchTimer: NodeJS.Timeout;
  private slateTimer?: NodeJS.Timeout;

  constructor(
    write: (bytes: Buffer) => void,
    private readonly options: OnAirOptions,
  ) {
    super();
    this.splicer = new FlvSplicer(write);
    this.watchTimer = setInterval(() => {
      const last = this.lastSeller;
      if (!this.slate && last && Date.now() - last.at > options.slateAfterMs) this.slateOn();
    }, WATCH_TICK_MS);
  }

  get slateShowing(): boolean {
    return this.slate !== undefined;
  }

  /** A new publisher: the stream starts again from the current input's next keyframe. */
  start(): void {
    this.splicer.start({ audio: this.options.audio, video: true });
  }

  /** A tag of the seller's media. */
  seller(tag: FlvTag): void {
    const header = isSequenceHeader(tag);
    if (header) this.learnFormat(tag);
    const videoFrame = tag.type === FlvTagType.Video && !header;
    const now = Date.now();
    if (this.slate && videoFrame) {
      this.slate.backSince ??= now;
      if (isKeyframe(tag) && (this.isLive(tag, now) || now - this.slate.backSince > BACK_FOR_SURE_MS))
        this.slateOff();
    }
    this.splicer.push('seller', tag);
    if (!this.slate && videoFrame) this.lastSeller = { timestamp: tag.timestamp, at: now };
  }

  /** The seller's connection is gone: the slate comes on now rather than after slateAfterMs. */
  sellerAway(): void {
    if (!this.slate && this.lastSeller) this.slateOn();
  }

  /**
   * A new recording replaces the seller's media: its timeline starts afresh, so nothing said
   * about the old one's timestamps holds; it joins at its first keyframe.
   */
  sellerReplaced(): void {
    this.lastSeller = undefined;
    this.splicer.rejoin('seller');
  }

  /** The seller's FFmpeg was restarted: its media joins again at its next keyframe. */
  sellerRestarted(): void {
    this.splicer.rejoin('seller');
  }

  dispose(): void {
    clearInterval(this.watchTimer);
    clearInterval(this.slateTimer);
  }

  private isLive(tag: FlvTag, now: number): boolean {
    const last = this.lastSeller;
    return !last || tag.timestamp >= last.timestamp + (now - last.at) - BACKLOG_MS;
  }

  private learnFormat(tag: FlvTag): void {
    try {
      const payload = sequenceHeaderPayload(tag);
      if (tag.type === FlvTagType.Video) this.format.video = avcPictureSize(payload);
      else this.format.audio = aacAudioFormat(payload);
    } catch (error) {
      return this.options.log('the seller media has a configuration the slate cannot match', {
        error: String(error),
      });
    }
    const { video, audio } = this.format;
    if (!video || (this.options.audio && !audio) || !this.options.slates) return;
    const format = { video, audio: this.options.audio ? audio : undefined };
    this.clip = undefined;
    this.formatsAsked.add(JSON.stringify(format));
    if (this.formatsAsked.size > MAX_SLATE_FORMATS)
      return this.options.log('no slate: the seller media changed format too often');
    this.options.slates.clipFor(format).then(
      (clip) => {
        if (this.format.video === video && this.format.audio === audio) this.clip = clip;
      },
      (error: unknown) => this.options.log('no slate for this broadcast', { error: String(error) }),
    );
  }

  private slateOn(): void {
    const clip = this.clip;
    if (!clip) return; // not ready (or none possible): viewers see a stall, as without a slate
    this.slate = { startedAt: Date.now(), videoFrames: 0, audioFrames: 0 };
    this.splicer.push('slate', clip.videoHeader);
    if (clip.audio) this.splicer.push('slate', clip.audio.header);
    this.splicer.switchTo('slate');
    this.slateTimer = setInterval(() => this.playSlate(clip), SLATE_TICK_MS);
    this.playSlate(clip);
    this.emit(OnAirEvent.SlateOn);
  }

  /** Sends the slate's frames that are due by now: its clock is the wall clock. */
  private playSlate(clip: SlateClip): void {
    const slate = this.slate;
    if (!slate) return;
    const elapsed = Date.now() - slate.startedAt;
    const frameMs = 1000 / SLATE_FPS;
    for (; slate.videoFrames * frameMs <= elapsed; slate.videoFrames++) {
      const frame = clip.frames[slate.videoFrames % clip.frames.length]!;
      this.splicer.push('slate', { ...frame, timestamp: Math.round(slate.videoFrames * frameMs) });
    }
    const audio = clip.audio;
    if (!audio) return;
    const audioMs = (AAC_FRAME_SAMPLES * 1000) / audio.sampleRate;
    for (; slate.audioFrames * audioMs <= elapsed; slate.audioFrames++)
      this.splicer.push('slate', { ...audio.silence, timestamp: Math.round(slate.audioFrames * audioMs) });
  }

  private slateOff(): void {
    clearInterval(this.slateTimer);
    this.slate = undefined;
    this.lastSeller = undefined;
    this.splicer.switchTo('seller');
    this.emit(OnAirEvent.SlateOff);
  }
}
