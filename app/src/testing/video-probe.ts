/**
 * What a person would see of a <video> in a playwright page (Chromium): is time moving, how big is
 * the picture, and is the picture changing. The looking itself is the engine harness's, shared by
 * every engine (common/src/testing/engines/video-look.ts).
 */
import type { Page } from 'playwright-core';
import { chromiumDriver } from '@golive/common/testing/engines/chromium-driver';
import { EnginePage } from '@golive/common/testing/engines/engine-page';
import { lookAtVideo as lookInPage, type VideoLook } from '@golive/common/testing/engines/video-look';

export type { VideoLook };

export function lookAtVideo(page: Page, selector = 'video'): Promise<VideoLook | undefined> {
  return page.evaluate(lookInPage, selector);
}

/** Waits until the video is playing for real: time advances and the picture changes. */
export function videoPlays(page: Page, selector = 'video', timeoutMs = 30_000): Promise<VideoLook> {
  // The page belongs to the caller: this view of it closes nothing.
  const view = new EnginePage(
    'chromium',
    chromiumDriver(page, () => Promise.resolve()),
  );
  return view.videoPlays(selector, timeoutMs);
}
