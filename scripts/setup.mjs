// Runs before `npm start`, `npm test` and `npm run bench` (as their npm "pre" scripts), so the two
// README commands work on a fresh clone: it installs the npm packages when they are missing or
// stale, then makes sure the system programs are there. Node built-ins only until `npm ci` ran.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv[2] ?? 'start';

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`Node ${process.versions.node} is too old: this project needs Node 20 or newer.`);
  process.exit(1);
}

// The hash of the lock file that node_modules was installed from.
const stamp = join(root, 'node_modules', '.installed-lock-hash');
const lockHash = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.log('Installing npm packages (npm ci)...');
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  const result = spawnSync(npm[0], [...npm[1], 'ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('npm ci failed: see its output above.');
    process.exit(1);
  }
  writeFileSync(stamp, lockHash);
}

// The PWA the local stack serves and the browser tests open is the production build (a few seconds).
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
  cwd: join(root, 'app'),
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('Building the PWA (app/) failed: see its output above.');
  process.exit(1);
}

const check = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'scripts', 'system-programs.ts'), purpose],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(check.status ?? 1);
