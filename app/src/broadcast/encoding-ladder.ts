/**
 * How this browser encodes the camera for transwrap, chosen by feature detection down a ladder:
 * 1. WebCodecs H.264 (+ AAC where the browser's AudioEncoder makes it, else Opus), muxed to
 *    Matroska: the bitrate follows the uplink, and transwrap copies the video (and the audio when
 *    it is AAC) instead of transcoding it. Frames come from MediaStreamTrackProcessor (Chromium) or,
 *    where it is missing (Firefox, Safari, WebKitGTK), from the camera drawn to a canvas, with the
 *    microphone through an AudioWorklet.
 * 2. MediaRecorder, at a fixed bitrate: MP4 H.264 + AAC (Safari: both copied), then WebM H.264
 *    (video copied), then WebM VP8 (transcoded: the last resort).
 * The choice is what transwrap's `hello` declares (PROTOCOL.md).
 */
import type { MediaDeclaration } from '@golive/transwrap/protocol/messages';

export interface WebCodecsEncoding {
  encoder: 'WebCodecs';
  media: MediaDeclaration & { container: 'webm'; video: 'h264'; audio: 'aac' | 'opus' };
  /** Where the raw frames and samples come from. */
  source: 'track-processor' | 'canvas-and-worklet';
  label: string;
}

export interface RecorderEncoding {
  encoder: 'MediaRecorder';
  media: MediaDeclaration;
  mimeType: string;
  label: string;
}

export type Encoding = WebCodecsEncoding | RecorderEncoding;

/** What the browser answered when asked (see encoder-capabilities.ts). */
export interface EncoderCapabilities {
  /** VideoEncoder.isConfigSupported for H.264 at the camera's size, with VideoFrame present. */
  webCodecsH264: boolean;
  /** AudioEncoder.isConfigSupported for AAC-LC (mp4a.40.2). */
  webCodecsAac: boolean;
  /** AudioEncoder.isConfigSupported for Opus. */
  webCodecsOpus: boolean;
  trackProcessor: boolean;
  audioWorklet: boolean;
  /** MediaRecorder.isTypeSupported; undefined where there is no MediaRecorder. */
  recorderSupports?: (mimeType: string) => boolean;
}

/** MediaRecorder's formats, in order of preference. */
export const RECORDER_ENCODINGS: RecorderEncoding[] = [
  // Safari (macOS, iOS, installed iOS apps), Chrome where the platform has AAC: both copied.
  {
    encoder: 'MediaRecorder',
    mimeType: 'video/mp4;codecs=avc1,mp4a.40.2',
    media: { container: 'mp4', video: 'h264', audio: 'aac' },
    label: 'H.264 + AAC (MP4)',
  },
  // Chrome, Edge, Android: WebM with H.264 and Opus.
  {
    encoder: 'MediaRecorder',
    mimeType: 'video/webm;codecs=h264,opus',
    media: { container: 'webm', video: 'h264', audio: 'opus' },
    label: 'H.264 + Opus (WebM)',
  },
  {
    encoder: 'MediaRecorder',
    mimeType: 'video/x-matroska;codecs=avc1,opus',
    media: { container: 'webm', video: 'h264', audio: 'opus' },
    label: 'H.264 + Opus (Matroska)',
  },
  // Older Safari answers only the bare type, and records H.264 + AAC.
  {
    encoder: 'MediaRecorder',
    mimeType: 'video/mp4',
    media: { container: 'mp4', video: 'h264', audio: 'aac' },
    label: 'H.264 + AAC (MP4)',
  },
  // Firefox without WebCodecs: no H.264 in its MediaRecorder; VP8 is transcoded by transwrap.
  {
    encoder: 'MediaRecorder',
    mimeType: 'video/webm;codecs=vp8,opus',
    media: { container: 'webm', video: 'vp8', audio: 'opus' },
    label: 'VP8 + Opus (WebM, transcoded)',
  },
];

/** The browser's own recorder's best format, if it has one. */
export function recorderEncoding(capabilities: EncoderCapabilities): RecorderEncoding | undefined {
  const supports = capabilities.recorderSupports;
  return supports && RECORDER_ENCODINGS.find((format) => supports(format.mimeType));
}

function webCodecsEncoding(capabilities: EncoderCapabilities): WebCodecsEncoding | undefined {
  const { webCodecsH264, webCodecsAac, webCodecsOpus, trackProcessor, audioWorklet } = capabilities;
  if (!webCodecsH264 || !(webCodecsAac || webCodecsOpus) || !(trackProcessor || audioWorklet))
    return undefined;
  const audio = webCodecsAac ? 'aac' : 'opus';
  return {
    encoder: 'WebCodecs',
    media: { container: 'webm', video: 'h264', audio },
    source: trackProcessor ? 'track-processor' : 'canvas-and-worklet',
    label: audio === 'aac' ? 'H.264 + AAC' : 'H.264 + Opus',
  };
}

/**
 * The best encoding this browser offers, or undefined if it cannot encode video at all.
 * `adaptive: false` is the seller's "use the browser's own recorder" choice, honoured where
 * there is one.
 */
export function chooseEncoding(
  capabilities: EncoderCapabilities,
  { adaptive }: { adaptive: boolean },
): Encoding | undefined {
  const webCodecs = webCodecsEncoding(capabilities);
  const recorder = recorderEncoding(capabilities);
  return adaptive ? (webCodecs ?? recorder) : (recorder ?? webCodecs);
}
