/**
 * The bundled APPSYNC_JS code, from resolvers/src/bundle.ts: the very bundles the local server runs.
 * bundle.ts is a CommonJS module that finds its sources from its own __dirname, which tsx's ESM
 * loader (this package is ESM, as Amplify requires) does not set right: load it as CommonJS.
 */
import { createRequire } from 'node:module';
import type * as BundleModule from '@golive/resolvers/bundle';

export async function bundledResolverCode(): Promise<Map<string, string>> {
  const require = createRequire(import.meta.url);
  const { bundleResolvers } = require('@golive/resolvers/bundle') as typeof BundleModule;
  return bundleResolvers();
}
