/**
 * Bundles resolver and function code the way AppSync requires: one self-contained ES module per
 * resolver, `@aws-appsync/*` left as imports (the runtime provides them), no Node built-ins.
 * The local server and amplify/ both bundle through here.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { FUNCTIONS, RESOLVERS } from './api';

export const RESOLVERS_SRC = __dirname;

/** Code path (as in api.ts) -> bundled ESM source. */
export type Bundles = Map<string, string>;

export function codePaths(): string[] {
  return [...new Set([...RESOLVERS.map((r) => r.code), ...FUNCTIONS.map((f) => f.code)])];
}

export async function bundleResolvers(): Promise<Bundles> {
  const paths = codePaths();
  const result = await build({
    entryPoints: paths.map((code) => ({ in: join(RESOLVERS_SRC, `${code}.ts`), out: code })),
    outdir: '/bundles',
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['@aws-appsync/*'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
  });
  const bundles: Bundles = new Map();
  for (const file of result.outputFiles) {
    bundles.set(file.path.replace(/^\/bundles\//, '').replace(/\.js$/, ''), file.text);
  }
  return bundles;
}
