/**
 * The "Be right back" picture that stands in for a seller who is away, encoded to match the
 * seller's stream: the same picture size (the image is scaled and padded into it) and the same
 * AAC sample rate and channels, so only the H.264 parameter sets change when it comes on air. One
 * second of it (one GOP) is encoded once per format and looped; its sound is one AAC frame of
 * silence, repeated.
 */
import { execFile } from 'node:child_process';
import type { AudioFormat, PictureSize } from '@golive/common/media/decoder-config';
import {
  FlvTagReader,
  FlvTagType,
  isKeyframe,
  isSequenceHeader,
  type FlvTag,
} from '@golive/common/media/flv';

export const SLATE_FPS = 30;
/** Samples in one AAC-LC frame. */
export const AAC_FRAME_SAMPLES = 1024;
/** The slate image's background: the padding around an image of another shape is the same colour. */
const PAD_COLOUR = '0x1d3a8a';

export interface SlateFormat {
  video: PictureSize;
  /** Absent: the seller sends no audio, nor does the slate. */
  audio?: AudioFormat;
}

export interface SlateClip {
  videoHeader: FlvTag;
  /** One GOP, keyframe first, SLATE_FPS frames; timestamps from 0. */
  frames: FlvTag[];
  audio?: { header: FlvTag; silence: FlvTag; sampleRate: number };
}

function encodeSlate(ffmpeg: string, image: string, format: SlateFormat): Promise<Buffer> {
  const { width, height } = format.video;
  const audio = format.audio;
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
    ...['-loop', '1', '-framerate', String(SLATE_FPS), '-i', image],
    ...(audio
      ? ['-f', 'lavfi', '-i', `anullsrc=r=${audio.sampleRate}:cl=${audio.channels === 1 ? 'mono' : 'stereo'}`]
      : []),
    '-vf',
    `scale=${width}:${height}:force_original_aspect_ratio=decrease,` +
      `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=${PAD_COLOUR},format=yuv420p`,
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'stillimage', '-profile:v', 'main'],
    ...['-g', String(SLATE_FPS), '-bf', '0', '-frames:v', String(SLATE_FPS)],
    ...(audio ? ['-c:a', 'aac', '-b:a', '64k', '-t', '1'] : ['-an']),
    ...['-f', 'flv', 'pipe:1'],
  ];
  return new Promise((resolve, reject) =>
    execFile(ffmpeg, args, { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`the slate could not be encoded: ${stderr.toString().trim() || error.message}`))
        : resolve(stdout),
    ),
  );
}

function clipFrom(flv: Buffer, format: SlateFormat): SlateClip {
  const tags: FlvTag[] = [];
  new FlvTagReader((tag) => tags.push(tag)).push(flv);
  const video = tags.filter((tag) => tag.type === FlvTagType.Video);
  const audio = tags.filter((tag) => tag.type === FlvTagType.Audio);
  const videoHeader = video.find(isSequenceHeader);
  const frames = video.filter((tag) => !isSequenceHeader(tag));
  if (!videoHeader || !frames[0] || !isKeyframe(frames[0])) throw new Error('the slate has no keyframe');
  const first = frames[0].timestamp;
  const audioHeader = audio.find(isSequenceHeader);
  // A frame from the middle: the first may carry the encoder's start-up, and silence is silence.
  const audioFrames = audio.filter((tag) => !isSequenceHeader(tag));
  const silence = audioFrames[Math.floor(audioFrames.length / 2)];
  return {
    videoHeader,
    frames: frames.map((tag) => ({ ...tag, timestamp: tag.timestamp - first })),
    audio:
      format.audio && audioHeader && silence
        ? { header: audioHeader, silence, sampleRate: format.audio.sampleRate }
        : undefined,
  };
}

/** Formats kept: far more than the picture sizes phones send; the oldest goes first. */
const KEPT_FORMATS = 32;

/** Makes slates, each format once (sellers with the same camera share one). */
export class SlateMaker {
  private readonly clips = new Map<string, Promise<SlateClip>>();

  constructor(
    private readonly ffmpeg: string,
    private readonly image: string,
  ) {}

  clipFor(format: SlateFormat): Promise<SlateClip> {
    const key = JSON.stringify(format);
    let clip = this.clips.get(key);
    if (!clip) {
      clip = encodeSlate(this.ffmpeg, this.image, format).then((flv) => clipFrom(flv, format));
      // A failure is not remembered: the next seller with this format tries again.
      clip.catch(() => this.clips.delete(key));
      this.clips.set(key, clip);
      if (this.clips.size > KEPT_FORMATS) this.clips.delete(this.clips.keys().next().value!);
    }
    return clip;
  }
}
