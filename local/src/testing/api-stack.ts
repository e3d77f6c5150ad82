/**
 * A test file's own local stack with the identities signed in: started before its tests, stopped
 * (and its data folder removed) after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStackProcess, type StackProcess } from './stack-process';
import { identities, type Identities } from './api-clients';

export interface ApiStack {
  stack: StackProcess;
  who: Identities;
  dataDir: string;
}

/**
 * Call at the top of a test file; the fields are set once beforeAll has run. `env` may be a
 * function, read when the stack starts (after the beforeAll hooks registered before this call).
 */
export function useApiStack(
  name: string,
  env: Record<string, string> | (() => Record<string, string>) = {},
): ApiStack {
  const api = {} as ApiStack;
  beforeAll(async () => {
    api.dataDir = mkdtempSync(join(tmpdir(), `golive-${name}-`));
    api.stack = await startStackProcess({
      dataDir: api.dataDir,
      env: typeof env === 'function' ? env() : env,
    });
    api.who = await identities(api.stack.info);
  }, 90_000);
  afterAll(async () => {
    api.who?.stop();
    await api.stack?.stop();
    if (api.dataDir) rmSync(api.dataDir, { recursive: true, force: true });
  });
  return api;
}
