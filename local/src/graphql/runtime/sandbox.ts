/**
 * Loads bundled resolver code (the ES module AppSync would receive) into its own V8 context with
 * only the APPSYNC_JS surface: JavaScript built-ins plus `@aws-appsync/utils` and
 * `@aws-appsync/utils/dynamodb`. No `require`, `process`, timers or I/O reach the code. This is
 * isolation from the server, not a security boundary: the code is our own.
 */
import { transformSync } from 'esbuild';
import { createContext, runInContext } from 'node:vm';
import { extensions, runtime, util } from './appsync-utils';
import { dynamodbHelpers } from './dynamodb-helpers';

export interface ResolverModule {
  request?: (ctx: unknown) => unknown;
  response?: (ctx: unknown) => unknown;
}

const MODULES: Record<string, unknown> = {
  '@aws-appsync/utils': { util, runtime, extensions },
  '@aws-appsync/utils/dynamodb': dynamodbHelpers,
};

function requireAppSyncModule(id: string): unknown {
  const found = MODULES[id];
  if (!found) throw new Error(`APPSYNC_JS code may import only @aws-appsync/utils(/dynamodb), not "${id}"`);
  return found;
}

/** `name` is used in stack traces, e.g. "Mutation/createChannel". */
export function loadResolverModule(name: string, esmSource: string): ResolverModule {
  // Only the module format changes (import -> require); the code is what AppSync would run.
  const { code } = transformSync(esmSource, { format: 'cjs', loader: 'js', sourcefile: `${name}.js` });
  const context = createContext({}, { name, codeGeneration: { strings: false, wasm: false } });
  const factory = runInContext(`(function (module, exports, require) {\n${code}\n})`, context, {
    filename: `resolvers/${name}.js`,
  }) as (
    module: { exports: ResolverModule },
    exports: ResolverModule,
    require: (id: string) => unknown,
  ) => void;
  const module = { exports: {} as ResolverModule };
  factory(module, module.exports, requireAppSyncModule);
  return module.exports;
}
