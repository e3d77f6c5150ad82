/**
 * AppSync runs the bundles, not the sources: every resolver and pipeline function bundle, exactly
 * as bundle.ts hands it to AppSync (and amplify/ deploys it), passes AWS's own APPSYNC_JS rules
 * (@aws-appsync/eslint-plugin, recommended) with no error. Linting the sources is not enough: the
 * type-aware rules do not follow imports, so `export const response = page` passes in the source
 * and becomes `var response = page;` in the bundle, which AppSync's rules reject.
 */
import appsync from '@aws-appsync/eslint-plugin';
import { ESLint, type Linter } from 'eslint';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { bundleResolvers, codePaths } from './bundle';

/** Under the repository, so the bundles' `@aws-appsync/utils` imports resolve to its types. */
const CACHE = join(REPO_ROOT, '.cache');
let folder: string;

beforeAll(() => {
  mkdirSync(CACHE, { recursive: true });
  folder = mkdtempSync(join(CACHE, 'resolver-bundles-'));
});

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Writes each bundle as `<code path>.js` and lints them all with AppSync's recommended rules. */
async function lintBundles(bundles: Map<string, string>): Promise<ESLint.LintResult[]> {
  const files = [...bundles].map(([code, source]) => {
    const file = join(folder, `${code}.js`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
    return file;
  });
  // The rules that need types (no-function-reassign, no-function-return, ...) get them from this program.
  const program = ts.createProgram(files, {
    allowJs: true,
    checkJs: false,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const recommended = appsync.configs?.recommended as Linter.Config;
  const eslint = new ESLint({
    cwd: folder,
    overrideConfigFile: true,
    overrideConfig: [
      {
        ...recommended,
        files: ['**/*.js'],
        languageOptions: {
          ...recommended.languageOptions,
          sourceType: 'module',
          parserOptions: { programs: [program] },
        },
      },
    ],
  });
  return eslint.lintFiles(files);
}

test('every resolver and function bundle passes AppSync’s APPSYNC_JS rules', async () => {
  const bundles = await bundleResolvers();
  expect([...bundles.keys()].sort()).toEqual(codePaths().sort());

  const results = await lintBundles(bundles);
  expect(results).toHaveLength(bundles.size);
  const problems = results.flatMap((result) =>
    result.messages.map(
      (message) =>
        `${relative(folder, result.filePath)}:${message.line} ${message.ruleId ?? 'parse'}: ${message.message}`,
    ),
  );
  expect(problems).toEqual([]);
}, 120_000);

test('the check catches what AppSync rejects in a bundle', async () => {
  // What esbuild makes of `export const response = page;` when `page` comes from another module.
  const reassigned = [
    'function page(ctx) { return ctx.result; }',
    'function request() { return {}; }',
    'var response = page;',
    'export { request, response };',
  ].join('\n');
  const [result] = await lintBundles(new Map([['probe/reassigned', reassigned]]));
  expect(result?.messages.map((message) => message.ruleId)).toEqual(['@aws-appsync/no-function-reassign']);
}, 60_000);
