/**
 * `node --import tsx amplify/testing/build-pwa.ts <amplify_outputs.json> <out dir>`: builds the PWA
 * the way amplify.yml does on Amplify Hosting (the outputs file among its public files), into
 * <out dir>, without touching app/public or app/dist.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from '../repo-root';

// As on Amplify Hosting (a test runner says `test`, which would make a development service worker).
process.env.NODE_ENV = 'production';

const [outputsFile, outDir] = process.argv.slice(2);
if (!outputsFile || !outDir) throw new Error('usage: build-pwa.ts <amplify_outputs.json> <out dir>');
const appDir = join(REPO_ROOT, 'app');
const publicDir = mkdtempSync(join(tmpdir(), 'golive-public-'));
try {
  cpSync(join(appDir, 'public'), publicDir, { recursive: true });
  cpSync(outputsFile, join(publicDir, 'amplify_outputs.json'));
  await build({
    root: appDir,
    publicDir,
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
} finally {
  rmSync(publicDir, { recursive: true, force: true });
}
