/**
 * `npm run bench`: runs each benchmark folder's `index.ts` (bench/<name>/index.ts) in turn, or the
 * ones named on the command line. Each prints its figures as JSON and one summary line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const BENCH_DIR = join(__dirname, '..');
const available = readdirSync(BENCH_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(BENCH_DIR, entry.name, 'index.ts')))
  .map((entry) => entry.name);
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : available;

const unknown = chosen.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(', ')}. Available: ${available.join(', ') || 'none'}.`);
  process.exit(1);
}
if (chosen.length === 0) console.log('No benchmarks found (bench/<name>/index.ts).');

let failed = 0;
for (const name of chosen) {
  console.log(`\n== bench/${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH_DIR, name, 'index.ts')], {
    stdio: 'inherit',
    // AWS SDK releases after January 2027 want Node 22 (see local/src/main.ts); not a benchmark finding.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
