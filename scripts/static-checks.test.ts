/**
 * `npm test` runs every check CI relies on: the linters and the type checker pass on the whole tree.
 * (Also runnable alone: `npm run lint`, `npm run typecheck`, `npm run format:check`.)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

function run(bin: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', bin), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { exitCode: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

test('ESLint (with the AppSync rules on resolvers/) reports no problems', () => {
  expect(run('eslint/bin/eslint.js', ['.', '--max-warnings=0'])).toEqual({ exitCode: 0, output: '' });
}, 300_000);

test('TypeScript type-checks every workspace in strict mode', () => {
  expect(run('typescript/bin/tsc', ['-p', 'tsconfig.json'])).toEqual({ exitCode: 0, output: '' });
}, 300_000);

test('every file is formatted as Prettier formats it', () => {
  const result = run('prettier/bin/prettier.cjs', ['--check', '.', '--log-level=warn']);
  expect(result).toEqual({ exitCode: 0, output: '' });
}, 300_000);

test('the types generated from schema.graphql are up to date (npm run codegen)', () => {
  const result = run('@graphql-codegen/cli/cjs/bin.js', ['--config', 'codegen.ts', '--check']);
  expect(result.exitCode).toBe(0);
}, 300_000);
