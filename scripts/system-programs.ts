/**
 * The system programs each command needs, found the way the product finds them
 * (common/src/binaries.ts). As root with apt-get, missing ones are installed; otherwise the message
 * says exactly what to run.
 */
import { spawnSync } from 'node:child_process';
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
} from '@golive/common/binaries';

interface Program {
  resolve: () => string;
  /** The Debian package that provides it. */
  aptPackage: string;
}

const FFMPEG: Program[] = [
  { resolve: () => resolveFfmpeg(), aptPackage: 'ffmpeg' },
  { resolve: () => resolveFfprobe(), aptPackage: 'ffmpeg' },
];
const CHROMIUM: Program = { resolve: () => resolveChromium(), aptPackage: 'chromium' };
const FIREFOX: Program = { resolve: () => resolveFirefox(), aptPackage: 'firefox-esr' };
const WEBKIT: Program[] = [
  { resolve: () => resolveWebKitWebDriver(), aptPackage: 'webkit2gtk-driver' },
  { resolve: () => resolveMiniBrowser(), aptPackage: 'webkit2gtk-driver' },
  { resolve: () => resolveXvfb(), aptPackage: 'xvfb' },
  ...[
    ['x264', 'gstreamer1.0-plugins-ugly'],
    ['libav', 'gstreamer1.0-libav'],
    ['isomp4', 'gstreamer1.0-plugins-good'],
    ['videoparsersbad', 'gstreamer1.0-plugins-bad'],
  ].map(([name, aptPackage]) => ({
    resolve: () => resolveGstreamerPlugin(name!, aptPackage!),
    aptPackage: aptPackage!,
  })),
];

const NEEDS: Record<string, Program[]> = {
  start: FFMPEG,
  test: [...FFMPEG, CHROMIUM, FIREFOX, ...WEBKIT],
  bench: [...FFMPEG, CHROMIUM],
  // Deploying runs nothing locally but ampx: the image is built in AWS (CodeBuild).
  deploy: [],
};

function missing(programs: Program[]): { packages: string[]; messages: string[] } {
  const packages = new Set<string>();
  const messages = new Set<string>();
  for (const program of programs) {
    try {
      program.resolve();
    } catch (error) {
      if (!(error instanceof MissingBinaryError)) throw error;
      packages.add(program.aptPackage);
      messages.add(error.message);
    }
  }
  return { packages: [...packages], messages: [...messages] };
}

function canInstall(): boolean {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function ensureSystemPrograms(purpose: string): boolean {
  const programs = NEEDS[purpose];
  if (!programs)
    throw new Error(`unknown purpose ${purpose}; expected one of ${Object.keys(NEEDS).join(', ')}`);
  const before = missing(programs);
  if (before.packages.length === 0) return true;

  const install = `apt-get install -y ${before.packages.join(' ')}`;
  if (!canInstall()) {
    console.error(
      [
        ...before.messages,
        '',
        `Run: sudo apt-get update && sudo ${install}`,
        'then run this command again.',
      ].join('\n'),
    );
    return false;
  }
  console.log(`Installing ${before.packages.join(', ')} with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', ...before.packages], { stdio: 'inherit', env });
  const after = missing(programs);
  if (after.packages.length > 0)
    console.error([...after.messages, '', `\`${install}\` did not provide them.`].join('\n'));
  return after.packages.length === 0;
}

process.exitCode = ensureSystemPrograms(process.argv[2] ?? 'start') ? 0 : 1;
