import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's top folder (this file sits in amplify/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
