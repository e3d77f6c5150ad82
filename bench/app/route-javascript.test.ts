/**
 * The budget check finds Video.js by what a file contains, so a chunk that bundles it under any
 * name is caught, and the libraries the other routes do load are not mistaken for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { containsVideojs } from './route-javascript';

const MODULES = join(REPO_ROOT, 'node_modules');

/** Every JavaScript file of a package, as one text. */
function packageSource(name: string): string {
  const folder = join(MODULES, name);
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) =>
    /\.(m|c)?js$/.test(file),
  );
  if (files.length === 0) throw new Error(`no JavaScript in ${folder}`);
  return files.map((file) => readFileSync(join(folder, file), 'utf8')).join('\n');
}

test('Video.js is recognised in its minified and its ES module builds', () => {
  for (const build of ['video.min.js', 'video.es.js', 'alt/video.core.novtt.min.js'])
    expect(containsVideojs(readFileSync(join(MODULES, 'video.js', 'dist', build), 'utf8'))).toBe(true);
});

test.each(['preact', 'wouter', '@apollo/client', 'workbox-window', 'mediabunny'])(
  '%s is not taken for Video.js',
  (name) => {
    expect(containsVideojs(packageSource(name))).toBe(false);
  },
);
