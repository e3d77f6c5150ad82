/**
 * Runs the local stack the way `npm start` does, as its own process, for tests and benchmarks
 * that need a stack of their own (own data folder, free ports) beside a developer's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { poll } from '@golive/common/testing/poll';
import { readStackInfo, type LocalStackInfo } from '../stack-info';

const MAIN = join(__dirname, '..', 'main.ts');
const TSX_LOADER = require.resolve('tsx');

export interface StackProcess {
  info: LocalStackInfo;
  pid: number;
  /** Everything the stack printed so far. */
  output(): string;
  /** Resolves with the first line matching `pattern` that the stack prints from now on. */
  printed(pattern: RegExp): Promise<string>;
  /** Sends a signal and resolves with the exit code once the stack process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StackProcessOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** Command-line options, as after `npm start --`. */
  args?: string[];
  timeoutMs?: number;
}

/** Starts a stack process without waiting for it: for tests of start-up failures. */
export function spawnStack({ dataDir, env = {}, args = [] }: StackProcessOptions): {
  child: ChildProcess;
  output: () => string;
  printed: (pattern: RegExp) => Promise<string>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN, ...args], {
    env: {
      ...process.env,
      LOCAL_DATA_DIR: dataDir,
      DYNAMODB_PORT: '0',
      COGNITO_PORT: '0',
      GRAPHQL_PORT: '0',
      IVS_PORT: '0',
      IVS_RTMP_PORT: '0',
      IVS_RTMPS_PORT: '0',
      TRANSWRAP_PORT: '0',
      APP_PORT: '0',
      // Tests that need transwrap start their own (or ask for these with TRANSWRAP_INSTANCES).
      TRANSWRAP_INSTANCES: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const watchers = new Set<(text: string) => void>();
  const onOutput = (chunk: Buffer) => {
    const from = output.lastIndexOf('\n') + 1;
    output += chunk.toString();
    for (const watcher of watchers) watcher(output.slice(from));
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const watcher = (text: string) => {
        const line = text.split('\n').find((candidate) => pattern.test(candidate));
        if (line === undefined) return;
        watchers.delete(watcher);
        resolve(line);
      };
      watchers.add(watcher);
    });
  return { child, output: () => output, printed, exited };
}

export async function startStackProcess(options: StackProcessOptions): Promise<StackProcess> {
  const { child, output, printed, exited } = spawnStack(options);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the stack process did not start');
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  // Up once it has written its local-stack.json (an older one names another pid).
  const info = await poll(
    () => `the stack to be up (its local-stack.json); it printed:\n${output()}`,
    () => {
      if (exitCode !== undefined)
        throw new Error(`the stack exited (${exitCode}) before it was up:\n${output()}`);
      const found = readStackInfo(options.dataDir);
      return found?.pid === pid ? found : undefined;
    },
    options.timeoutMs ?? 60_000,
  ).catch((error: unknown) => {
    if (exitCode === undefined) child.kill('SIGKILL');
    throw error;
  });

  return {
    info,
    pid,
    output,
    printed,
    async stop(signal = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}
