/**
 * Launches Debian's Chromium headless through playwright-core, with a fake camera and microphone
 * fed from real media files. Each launch gets its own throw-away profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { resolveChromium } from '../binaries';
import { fakeMedia, type FakeMediaOptions } from './fake-media';

export interface BrowserOptions {
  /** Media for the fake devices; defaults to the standard test pattern and tone. */
  media?: FakeMediaOptions;
  /** Phone-sized by default: the product is designed at 390x844 first. */
  viewport?: { width: number; height: number };
  /**
   * Chromium's own fake cameras instead of the media file, which gives exactly one: the first
   * draws a green moving pattern, the second a grey one (a different pixel format).
   */
  cameras?: number;
  extraArgs?: string[];
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<TestBrowser> {
  const media = await fakeMedia(options.media);
  const profile = mkdtempSync(join(tmpdir(), 'golive-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: resolveChromium(),
    headless: true,
    viewport: options.viewport ?? { width: 390, height: 844 },
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--use-fake-ui-for-media-stream',
      ...(options.cameras
        ? [`--use-fake-device-for-media-stream=device-count=${options.cameras}`]
        : ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${media.video}`]),
      `--use-file-for-fake-audio-capture=${media.audio}`,
      '--autoplay-policy=no-user-gesture-required',
      // This machine has no internet: keep Chromium from dialling out in the background.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...(options.extraArgs ?? []),
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
