/**
 * What a person would see of a <video> in the page: is time moving, how big is the picture, and
 * is the picture changing (a hash of its pixels, drawn into a canvas).
 */
import type { Page } from 'playwright-core';

export interface VideoLook {
  currentTime: number;
  width: number;
  height: number;
  /** Differs between two looks when the picture changed. */
  frame: string;
}

export async function lookAtVideo(page: Page, selector = 'video'): Promise<VideoLook | undefined> {
  return page.evaluate((css) => {
    const video = document.querySelector<HTMLVideoElement>(css);
    if (!video || video.videoWidth === 0) return undefined;
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 36;
    const context = canvas.getContext('2d')!;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let index = 0; index < pixels.length; index += 4) hash = (hash * 31 + pixels[index]!) | 0;
    return {
      currentTime: video.currentTime,
      width: video.videoWidth,
      height: video.videoHeight,
      frame: String(hash),
    };
  }, selector);
}

/** Waits until the video is playing for real: time advances and the picture changes. */
export async function videoPlays(page: Page, selector = 'video', timeoutMs = 30_000): Promise<VideoLook> {
  const deadline = Date.now() + timeoutMs;
  let first: VideoLook | undefined;
  for (;;) {
    const look = await lookAtVideo(page, selector);
    if (look && !first) first = look;
    else if (look && first && look.currentTime > first.currentTime + 0.5 && look.frame !== first.frame)
      return look;
    if (Date.now() > deadline)
      throw new Error(`the video did not play: first ${JSON.stringify(first)}, last ${JSON.stringify(look)}`);
    await page.waitForTimeout(250);
  }
}
