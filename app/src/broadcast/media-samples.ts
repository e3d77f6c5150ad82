/**
 * A camera's or microphone's raw frames as a stream, whichever way the browser gives them:
 * MediaStreamTrackProcessor where it exists (Chromium); camera-frames.ts and
 * microphone-samples.ts provide the other ways.
 */

/** Chromium's reader of a track's frames (not yet in TypeScript's DOM types). */
declare class MediaStreamTrackProcessor<T> {
  constructor(init: { track: MediaStreamTrack });
  readonly readable: ReadableStream<T>;
}

export interface MediaSamples<T> {
  /** Its reader's cancel() ends the reading. */
  readable: ReadableStream<T>;
  /** Releases what reading needed (an audio context, a hidden video). */
  stop(): void;
}

/** The track's own frames, where the browser has MediaStreamTrackProcessor. */
export function trackReader<T>(track: MediaStreamTrack): MediaSamples<T> | undefined {
  if (!('MediaStreamTrackProcessor' in globalThis)) return undefined;
  return { readable: new MediaStreamTrackProcessor<T>({ track }).readable, stop: () => undefined };
}
