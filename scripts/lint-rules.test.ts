/**
 * The lint setup catches what AppSync would reject: code under resolvers/ that uses features the
 * APPSYNC_JS runtime does not support fails lint, while the same code elsewhere is fine. And it
 * holds the layers: product code (resolvers/ here) that imports the local stack or a test helper
 * fails lint, while the local stack itself may.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const LINT_TIMEOUT_MS = 300_000;
const UNSUPPORTED_IN_APPSYNC = `
export { loadConfig } from '@golive/local/config';
export { poll } from '@golive/common/testing/poll';
export async function request(ctx: { args: { ids: string[] } }) {
  const out: string[] = [];
  for (let i = 0; i < ctx.args.ids.length; i++) {
    try {
      out.push(ctx.args.ids[i]!.replace(/x/g, ''));
    } catch {
      out.push('');
    }
  }
  return out;
}
`;

/** Lints the code as if it were saved at `filePath`, through the same CLI and config `npm run lint` uses. */
function ruleIdsFor(filePath: string): string[] {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      filePath,
      '--format',
      'json',
    ],
    // Type-aware linting builds the whole program: on a busy machine that takes minutes, as for
    // `npm run lint` itself (static-checks.test.ts allows the same).
    { cwd: ROOT, input: UNSUPPORTED_IN_APPSYNC, encoding: 'utf8', timeout: LINT_TIMEOUT_MS },
  );
  if (result.error || !result.stdout)
    throw new Error(
      `ESLint did not report (${result.error?.message ?? `status ${result.status}`}): ${result.stderr}`,
    );
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (report?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

test(
  'a resolver using async, C-style for, try and regex literals fails with the AppSync rules, and one importing the local stack or a test helper fails too',
  () => {
    const rules = ruleIdsFor('resolvers/lint-probe.ts');
    expect(rules).toEqual(
      expect.arrayContaining([
        '@aws-appsync/no-async',
        '@aws-appsync/no-for',
        '@aws-appsync/no-try',
        '@aws-appsync/no-regex',
        'no-restricted-imports',
      ]),
    );
  },
  LINT_TIMEOUT_MS + 5_000,
);

test(
  'the same code outside resolvers/ is not held to AppSync rules',
  () => {
    // Linted all the same (the general TypeScript rules still apply), just not as AppSync code.
    expect(ruleIdsFor('local/lint-probe.ts')).toEqual(['@typescript-eslint/require-await']);
  },
  LINT_TIMEOUT_MS + 5_000,
);
