/**
 * Runs the local stack the way `npm start` does, as its own process, for tests and benchmarks
 * that need a stack of their own (own data folder, free ports) beside a developer's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readStackInfo, type LocalStackInfo } from '../stack-info';

const MAIN = join(__dirname, '..', 'main.ts');
const TSX_LOADER = require.resolve('tsx');

export interface StackProcess {
  info: LocalStackInfo;
  pid: number;
  /** Everything the stack printed so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code once the stack process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StackProcessOptions {
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Starts a stack process without waiting for it: for tests of start-up failures. */
export function spawnStack({ dataDir, env = {} }: StackProcessOptions): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
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
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function startStackProcess(options: StackProcessOptions): Promise<StackProcess> {
  const { child, output, exited } = spawnStack(options);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the stack process did not start');
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let info: LocalStackInfo | undefined;
  while (!info) {
    if (exitCode !== undefined)
      throw new Error(`the stack exited (${exitCode}) before it was up:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the stack was not up in time:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const found = readStackInfo(options.dataDir);
    if (found?.pid === pid) info = found;
  }

  return {
    info,
    pid,
    output,
    async stop(signal = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}
