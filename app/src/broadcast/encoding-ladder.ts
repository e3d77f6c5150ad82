/**
 * Which format the broadcaster records in, from what this browser's MediaRecorder can make:
 * H.264 wherever possible, because transwrap then copies the video (cheap, no quality loss);
 * VP8 only as a last resort (transwrap transcodes it). Each choice is what transwrap's `hello`
 * declares (PROTOCOL.md).
 */
import type { MediaDeclaration } from '@golive/transwrap/protocol/messages';

export interface RecordingFormat {
  mimeType: string;
  media: MediaDeclaration;
  /** Why this one, for the seller's details panel. */
  label: string;
}

/** In order of preference. */
export const RECORDING_FORMATS: RecordingFormat[] = [
  // Chrome, Edge, Android: WebM with H.264 and Opus.
  {
    mimeType: 'video/webm;codecs=h264,opus',
    media: { container: 'webm', video: 'h264', audio: 'opus' },
    label: 'H.264 + Opus (WebM)',
  },
  {
    mimeType: 'video/x-matroska;codecs=avc1,opus',
    media: { container: 'webm', video: 'h264', audio: 'opus' },
    label: 'H.264 + Opus (Matroska)',
  },
  // Safari (macOS, iOS, installed iOS apps): fragmented MP4 with H.264 and AAC.
  {
    mimeType: 'video/mp4;codecs=avc1,mp4a.40.2',
    media: { container: 'mp4', video: 'h264', audio: 'aac' },
    label: 'H.264 + AAC (MP4)',
  },
  {
    mimeType: 'video/mp4',
    media: { container: 'mp4', video: 'h264', audio: 'aac' },
    label: 'H.264 + AAC (MP4)',
  },
  // Firefox: no H.264 in MediaRecorder; VP8 is transcoded by transwrap.
  {
    mimeType: 'video/webm;codecs=vp8,opus',
    media: { container: 'webm', video: 'vp8', audio: 'opus' },
    label: 'VP8 + Opus (WebM, transcoded)',
  },
];

/** The first format this browser records, or undefined if it cannot record video at all. */
export function chooseRecordingFormat(
  isTypeSupported: ((mimeType: string) => boolean) | undefined,
): RecordingFormat | undefined {
  if (!isTypeSupported) return undefined;
  return RECORDING_FORMATS.find((format) => isTypeSupported(format.mimeType));
}
