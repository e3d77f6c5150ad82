/**
 * Where the system programs the product runs (FFmpeg, ffprobe) and tests drive (Chromium, Firefox,
 * WebKitGTK with Xvfb) are found. Every workspace resolves them here, so the order and the message when one is missing
 * are the same everywhere.
 */
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

type Env = Record<string, string | undefined>;

/** A program we need is not installed; the message says how to install it. */
export class MissingBinaryError extends Error {
  constructor(
    readonly program: string,
    message: string,
  ) {
    super(message);
    this.name = 'MissingBinaryError';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** An explicit setting that points nowhere is a mistake to report, never a reason to fall back. */
function fromEnv(variable: string, program: string, env: Env): string | undefined {
  const value = env[variable];
  if (!value) return undefined;
  if (!isExecutable(value)) {
    throw new MissingBinaryError(program, `${variable} is set to ${value}, which is not an executable file.`);
  }
  return value;
}

/** The binary that `ffmpeg-static` downloads in its postinstall; absent when install scripts did not run. */
function ffmpegStaticBinary(): string | undefined {
  try {
    const path = createRequire(__filename)('ffmpeg-static') as unknown;
    return typeof path === 'string' && isExecutable(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const installFfmpeg =
  'Install it with `sudo apt-get install -y ffmpeg` (Debian/Ubuntu), or set FFMPEG_PATH to an ffmpeg binary.';

/** FFmpeg: `FFMPEG_PATH`, then the `ffmpeg-static` binary if it was downloaded, then `ffmpeg` on PATH. */
export function resolveFfmpeg(env: Env = process.env): string {
  const found = fromEnv('FFMPEG_PATH', 'ffmpeg', env) ?? ffmpegStaticBinary() ?? findOnPath('ffmpeg', env);
  if (!found) throw new MissingBinaryError('ffmpeg', `FFmpeg was not found. ${installFfmpeg}`);
  return found;
}

/** ffprobe: `FFPROBE_PATH`, then next to the FFmpeg in use, then on PATH. */
export function resolveFfprobe(env: Env = process.env): string {
  const explicit = fromEnv('FFPROBE_PATH', 'ffprobe', env);
  if (explicit) return explicit;
  const beside = join(dirname(resolveFfmpeg(env)), 'ffprobe');
  const found = isExecutable(beside) ? beside : findOnPath('ffprobe', env);
  if (!found) {
    throw new MissingBinaryError(
      'ffprobe',
      `ffprobe was not found next to FFmpeg or on PATH. ${installFfmpeg.replace('FFMPEG_PATH to an ffmpeg', 'FFPROBE_PATH to an ffprobe')}`,
    );
  }
  return found;
}

/** A browser the tests drive, and where each place to look for it is. */
interface BrowserLookup {
  /** Its name in errors. */
  program: string;
  /** The env variable that names its binary, looked at first. */
  variable: string;
  /** Where its Debian package installs it, looked at next. */
  debianPath: string;
  /** The names it goes by on PATH, looked at last, in order. */
  onPath: string[];
  /** What to do when it is nowhere. */
  install: string;
}

function resolveBrowser(lookup: BrowserLookup, env: Env): string {
  const found =
    fromEnv(lookup.variable, lookup.program, env) ??
    (isExecutable(lookup.debianPath) ? lookup.debianPath : undefined) ??
    lookup.onPath.reduce<string | undefined>((hit, name) => hit ?? findOnPath(name, env), undefined);
  if (!found) throw new MissingBinaryError(lookup.program, lookup.install);
  return found;
}

/** Where Debian's `chromium` package installs the browser. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Chromium for browser tests: `CHROMIUM_PATH`, then Debian's `/usr/bin/chromium`, then `chromium` on PATH. */
export function resolveChromium(env: Env = process.env, debianPath = DEBIAN_CHROMIUM): string {
  return resolveBrowser(
    {
      program: 'chromium',
      variable: 'CHROMIUM_PATH',
      debianPath,
      onPath: ['chromium'],
      install:
        'Chromium was not found. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary. Never let a tool download its own browser.',
    },
    env,
  );
}

/** Where Debian's `firefox-esr` package installs the browser. */
export const DEBIAN_FIREFOX = '/usr/bin/firefox-esr';

/** Firefox for browser tests: `FIREFOX_PATH`, then Debian's `/usr/bin/firefox-esr`, then `firefox-esr` or `firefox` on PATH. */
export function resolveFirefox(env: Env = process.env, debianPath = DEBIAN_FIREFOX): string {
  return resolveBrowser(
    {
      program: 'firefox',
      variable: 'FIREFOX_PATH',
      debianPath,
      onPath: ['firefox-esr', 'firefox'],
      install:
        'Firefox was not found. Install it with `sudo apt-get install -y firefox-esr` (Debian; `firefox` on Ubuntu), or set FIREFOX_PATH to a Firefox binary. Never let a tool download its own browser.',
    },
    env,
  );
}

/** Debian's directory for this machine's architecture's libraries ("multiarch"). */
function debianLibDir(): string {
  const triplet: Record<string, string> = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' };
  return `/usr/lib/${triplet[process.arch] ?? `${process.arch}-linux-gnu`}`;
}

const installWebKit =
  'Install it with `sudo apt-get install -y webkit2gtk-driver xvfb gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav` (Debian/Ubuntu).';

/** WebKitGTK's WebDriver server: `WEBKIT_WEBDRIVER_PATH`, then Debian's, then on PATH. */
export function resolveWebKitWebDriver(env: Env = process.env): string {
  return resolveBrowser(
    {
      program: 'WebKitWebDriver',
      variable: 'WEBKIT_WEBDRIVER_PATH',
      debianPath: '/usr/bin/WebKitWebDriver',
      onPath: ['WebKitWebDriver'],
      install: `WebKitWebDriver was not found. ${installWebKit}`,
    },
    env,
  );
}

/** WebKitGTK's MiniBrowser, which WebKitWebDriver drives: `WEBKIT_MINIBROWSER_PATH`, then Debian's. */
export function resolveMiniBrowser(env: Env = process.env): string {
  return resolveBrowser(
    {
      program: 'MiniBrowser',
      variable: 'WEBKIT_MINIBROWSER_PATH',
      debianPath: `${debianLibDir()}/webkit2gtk-4.1/MiniBrowser`,
      onPath: [],
      install: `WebKitGTK's MiniBrowser was not found. ${installWebKit}`,
    },
    env,
  );
}

/** The virtual X display WebKitGTK runs in (it has no headless mode): `XVFB_PATH`, then Debian's, then on PATH. */
export function resolveXvfb(env: Env = process.env): string {
  return resolveBrowser(
    {
      program: 'Xvfb',
      variable: 'XVFB_PATH',
      debianPath: '/usr/bin/Xvfb',
      onPath: ['Xvfb'],
      install: 'Xvfb was not found. Install it with `sudo apt-get install -y xvfb` (Debian/Ubuntu).',
    },
    env,
  );
}

/**
 * A GStreamer plugin WebKitGTK's media needs (x264 encodes WebCodecs H.264, libav encodes AAC and
 * decodes playback, isomp4 and videoparsersbad demux and parse it), in Debian's plugin directory.
 */
export function resolveGstreamerPlugin(name: string, aptPackage: string): string {
  const path = `${debianLibDir()}/gstreamer-1.0/libgst${name}.so`;
  try {
    accessSync(path, constants.R_OK);
    return path;
  } catch {
    throw new MissingBinaryError(
      `gstreamer-${name}`,
      `GStreamer's ${name} plugin (${path}) was not found: WebKitGTK needs it for its media. Install it with \`sudo apt-get install -y ${aptPackage}\`.`,
    );
  }
}
