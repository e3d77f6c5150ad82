import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MissingBinaryError,
  resolveChromium,
  resolveFfmpeg,
  resolveFfprobe,
  resolveFirefox,
  resolveGstreamerPlugin,
  resolveMiniBrowser,
  resolveWebKitWebDriver,
  resolveXvfb,
} from './binaries';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'binaries-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function program(dir: string, name: string, executable = true): string {
  mkdirSync(join(root, dir), { recursive: true });
  const path = join(root, dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

function missing(resolve: () => string): MissingBinaryError {
  try {
    resolve();
  } catch (error) {
    if (error instanceof MissingBinaryError) return error;
    throw error;
  }
  throw new Error('expected a MissingBinaryError');
}

describe('FFmpeg is found', () => {
  test('at FFMPEG_PATH first, even when another ffmpeg is on PATH', () => {
    const chosen = program('custom', 'my-ffmpeg');
    program('bin', 'ffmpeg');
    expect(resolveFfmpeg({ FFMPEG_PATH: chosen, PATH: join(root, 'bin') })).toBe(chosen);
  });

  test('on PATH when FFMPEG_PATH is not set, skipping directories without it', () => {
    const onPath = program('second', 'ffmpeg');
    program('first', 'ffprobe');
    expect(resolveFfmpeg({ PATH: [join(root, 'first'), join(root, 'second')].join(':') })).toBe(onPath);
  });

  test('not in a file that is not executable', () => {
    program('bin', 'ffmpeg', false);
    expect(missing(() => resolveFfmpeg({ PATH: join(root, 'bin') })).program).toBe('ffmpeg');
  });

  test('nowhere: the error says how to install it', () => {
    const error = missing(() => resolveFfmpeg({ PATH: join(root, 'empty') }));
    expect(error.message).toContain('apt-get install -y ffmpeg');
    expect(error.message).toContain('FFMPEG_PATH');
  });

  test('FFMPEG_PATH pointing nowhere is reported, not silently replaced by the one on PATH', () => {
    program('bin', 'ffmpeg');
    const error = missing(() => resolveFfmpeg({ FFMPEG_PATH: join(root, 'gone'), PATH: join(root, 'bin') }));
    expect(error.message).toContain(`FFMPEG_PATH is set to ${join(root, 'gone')}`);
  });
});

describe('ffprobe is found', () => {
  test('next to the FFmpeg in use before the one on PATH', () => {
    const ffmpeg = program('ffmpeg-dir', 'ffmpeg');
    const beside = program('ffmpeg-dir', 'ffprobe');
    program('bin', 'ffprobe');
    expect(resolveFfprobe({ FFMPEG_PATH: ffmpeg, PATH: join(root, 'bin') })).toBe(beside);
  });

  test('at FFPROBE_PATH when set', () => {
    const chosen = program('x', 'probe');
    expect(resolveFfprobe({ FFPROBE_PATH: chosen, PATH: '' })).toBe(chosen);
  });

  test('nowhere: the error says how to install it', () => {
    program('bin', 'ffmpeg');
    const error = missing(() => resolveFfprobe({ PATH: join(root, 'bin') }));
    expect(error.program).toBe('ffprobe');
    expect(error.message).toContain('apt-get install -y ffmpeg');
  });
});

describe('Chromium is found', () => {
  test('at CHROMIUM_PATH first', () => {
    const chosen = program('custom', 'chrome');
    const debian = program('usr-bin', 'chromium');
    expect(resolveChromium({ CHROMIUM_PATH: chosen }, debian)).toBe(chosen);
  });

  test("at Debian's path before PATH", () => {
    const debian = program('usr-bin', 'chromium');
    program('bin', 'chromium');
    expect(resolveChromium({ PATH: join(root, 'bin') }, debian)).toBe(debian);
  });

  test('on PATH when the Debian package is not installed', () => {
    const onPath = program('bin', 'chromium');
    expect(resolveChromium({ PATH: join(root, 'bin') }, join(root, 'none'))).toBe(onPath);
  });

  test('nowhere: the error says to install the Debian package', () => {
    const error = missing(() => resolveChromium({ PATH: '' }, join(root, 'none')));
    expect(error.message).toContain('apt-get install -y chromium');
  });
});

describe('Firefox is found', () => {
  test("at FIREFOX_PATH first, then Debian's firefox-esr", () => {
    const chosen = program('custom', 'firefox-nightly');
    const debian = program('usr-bin', 'firefox-esr');
    expect(resolveFirefox({ FIREFOX_PATH: chosen }, debian)).toBe(chosen);
    expect(resolveFirefox({ PATH: '' }, debian)).toBe(debian);
  });

  test("on PATH as Ubuntu's firefox when there is no firefox-esr", () => {
    const onPath = program('bin', 'firefox');
    expect(resolveFirefox({ PATH: join(root, 'bin') }, join(root, 'none'))).toBe(onPath);
  });

  test('nowhere: the error says to install the Debian package', () => {
    const error = missing(() => resolveFirefox({ PATH: '' }, join(root, 'none')));
    expect(error.message).toContain('apt-get install -y firefox-esr');
  });
});

describe("WebKitGTK's parts are found", () => {
  test('at their env variables first', () => {
    const driver = program('custom', 'WebKitWebDriver');
    const browser = program('custom', 'MiniBrowser');
    const xvfb = program('custom', 'Xvfb');
    expect(resolveWebKitWebDriver({ WEBKIT_WEBDRIVER_PATH: driver })).toBe(driver);
    expect(resolveMiniBrowser({ WEBKIT_MINIBROWSER_PATH: browser })).toBe(browser);
    expect(resolveXvfb({ XVFB_PATH: xvfb })).toBe(xvfb);
  });

  test('a setting that points nowhere is reported, not replaced by the installed one', () => {
    const error = missing(() => resolveMiniBrowser({ WEBKIT_MINIBROWSER_PATH: join(root, 'none') }));
    expect(error.message).toContain('WEBKIT_MINIBROWSER_PATH is set to');
  });

  test('a missing GStreamer plugin names the package that provides it', () => {
    const error = missing(() => resolveGstreamerPlugin('no-such-plugin', 'gstreamer1.0-plugins-bad'));
    expect(error.message).toContain('apt-get install -y gstreamer1.0-plugins-bad');
  });
});

test('this machine has the programs the test suite needs', () => {
  expect(resolveWebKitWebDriver()).toMatch(/WebKitWebDriver$/);
  expect(resolveMiniBrowser()).toMatch(/MiniBrowser$/);
  expect(resolveXvfb()).toMatch(/Xvfb$/);
  expect(resolveGstreamerPlugin('x264', 'gstreamer1.0-plugins-ugly')).toMatch(/libgstx264\.so$/);
  expect(resolveFfmpeg()).toMatch(/ffmpeg/);
  expect(resolveFfprobe()).toMatch(/ffprobe/);
  expect(resolveChromium()).toMatch(/chrom/);
  expect(resolveFirefox()).toMatch(/firefox/);
});
