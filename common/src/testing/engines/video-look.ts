/**
 * What a person sees of a <video>, read inside the page by any engine (EnginePage.videoPlays) or
 * by playwright (app/src/testing/video-probe.ts): is time moving, and is the picture changing.
 */

/** What a person sees of a <video>: is time moving, and is the picture changing. */
export interface VideoLook {
  currentTime: number;
  paused: boolean;
  muted: boolean;
  width: number;
  height: number;
  /** Differs between two looks when the picture changed. */
  frame: string;
  /**
   * Mean difference between each pixel's strongest and weakest colour channel: about 0 for a
   * grey picture (H.264 leaves a few levels of chroma noise), tens for a coloured one.
   */
  colour: number;
  /** The picture's mean red, green and blue (0-255). */
  rgb: [number, number, number];
}

/** Runs in the page: the video's state and a hash of its picture (drawn small into a canvas). */
export function lookAtVideo(css: string): VideoLook | undefined {
  const video = document.querySelector<HTMLVideoElement>(css);
  if (!video || video.videoWidth === 0) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 36;
  const context = canvas.getContext('2d')!;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let hash = 0;
  let spread = 0;
  let [reds, greens, blues] = [0, 0, 0];
  for (let index = 0; index < pixels.length; index += 4) {
    hash = (hash * 31 + pixels[index]!) | 0;
    const [red, green, blue] = [pixels[index]!, pixels[index + 1]!, pixels[index + 2]!];
    spread += Math.max(red, green, blue) - Math.min(red, green, blue);
    reds += red;
    greens += green;
    blues += blue;
  }
  const count = pixels.length / 4;
  return {
    currentTime: video.currentTime,
    paused: video.paused,
    muted: video.muted,
    width: video.videoWidth,
    height: video.videoHeight,
    frame: String(hash),
    colour: spread / count,
    rgb: [reds / count, greens / count, blues / count],
  };
}
