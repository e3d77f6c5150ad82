/**
 * Asks this browser what it can encode, for the encoding ladder (encoding-ladder.ts): WebCodecs'
 * own isConfigSupported answers, the presence of the frame and sample readers, and MediaRecorder's
 * isTypeSupported. Feature tests, never the user agent.
 */
import type { EncoderCapabilities } from './encoding-ladder';

/** H.264 profile and level for the picture size: Constrained Baseline up to 720p, High for 1080p. */
export function h264Codec(width: number, height: number): string {
  return width * height > 1280 * 720 ? 'avc1.640028' : 'avc1.42e01f';
}

async function supported(check: () => Promise<{ supported?: boolean }>): Promise<boolean> {
  try {
    return (await check()).supported === true;
  } catch {
    return false;
  }
}

export async function detectEncoderCapabilities(size: {
  width: number;
  height: number;
}): Promise<EncoderCapabilities> {
  const hasWebCodecs =
    'VideoEncoder' in globalThis && 'AudioEncoder' in globalThis && 'VideoFrame' in globalThis;
  const audio = (codec: string) =>
    supported(() =>
      AudioEncoder.isConfigSupported({ codec, sampleRate: 48000, numberOfChannels: 1, bitrate: 96_000 }),
    );
  // Audio is asked first: WebKitGTK 2.50's web process crashes when a VideoEncoder query is the
  // first thing to start its GStreamer (the same query after any other media work is answered).
  const webCodecsAac = hasWebCodecs && (await audio('mp4a.40.2'));
  const webCodecsOpus = hasWebCodecs && (await audio('opus'));
  const webCodecsH264 =
    hasWebCodecs &&
    (await supported(() =>
      VideoEncoder.isConfigSupported({
        codec: h264Codec(size.width, size.height),
        ...size,
        bitrate: 2_500_000,
        framerate: 30,
        avc: { format: 'avc' },
      }),
    ));
  return {
    webCodecsH264,
    webCodecsAac,
    webCodecsOpus,
    trackProcessor: 'MediaStreamTrackProcessor' in globalThis,
    audioWorklet: 'AudioWorkletNode' in globalThis,
    recorderSupports:
      typeof MediaRecorder === 'undefined' ? undefined : (type) => MediaRecorder.isTypeSupported(type),
  };
}

let asked: Promise<EncoderCapabilities> | undefined;

/** The browser's answers, asked once per page: they do not change while it runs. */
export function encoderCapabilities(): Promise<EncoderCapabilities> {
  asked ??= detectEncoderCapabilities({ width: 1280, height: 720 });
  return asked;
}
