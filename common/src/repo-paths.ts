import { join, resolve } from 'node:path';

/** The repository's top folder (this file sits at common/src/). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Git-ignored cache for generated artefacts (test media, test results). */
export const CACHE_DIR = join(REPO_ROOT, '.cache');

/** The built PWA (`npm run build -w app`), as Amplify Hosting and the local stack serve it. */
export const APP_DIST = join(REPO_ROOT, 'app', 'dist');
