/**
 * The bundled APPSYNC_JS code, from resolvers/src/bundle.ts: the very bundles the local server runs.
 * bundle.ts is CommonJS TypeScript; ampx loads backend.ts through tsx's ESM API, which does not
 * compile a CommonJS require of it. So it runs in a child process with tsx's hooks, which prints
 * the bundles as JSON.
 */
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../repo-root';

const PRINT_BUNDLES =
  "require('@golive/resolvers/bundle').bundleResolvers().then((bundles) => process.stdout.write(JSON.stringify([...bundles])))";

export function bundledResolverCode(): Map<string, string> {
  const json = execFileSync(process.execPath, ['--import', 'tsx', '-e', PRINT_BUNDLES], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return new Map(JSON.parse(json) as [string, string][]);
}
