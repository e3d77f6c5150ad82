/** Runs transwrap as `npm start` would run it in production, against a local stack, for tests. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { within } from '@golive/common/testing/poll';
import type { ApiStack } from '@golive/local/testing/api-stack';
import type { LocalStackInfo } from '@golive/local/stack-info';

export interface TranswrapProcess {
  id: string;
  url: string;
  healthUrl: string;
  pid: number;
  output(): string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function spawnTranswrap(
  info: LocalStackInfo,
  env: Record<string, string> = {},
): Promise<TranswrapProcess> {
  const child = fork(join(__dirname, '..', 'main.ts'), [], {
    execArgv: ['--import', require.resolve('tsx')],
    env: {
      ...process.env,
      PORT: '0',
      API_URL: info.graphql.url,
      COGNITO_ISSUER: info.cognito.issuer,
      COGNITO_CLIENT_IDS: info.cognito.clientId,
      AWS_REGION: info.region,
      AWS_ACCESS_KEY_ID: info.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: info.credentials.secretAccessKey,
      HEARTBEAT_INTERVAL_MS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const details = await within(
    () => `transwrap to start; it printed:\n${output}`,
    new Promise<{ id: string; url: string; healthUrl: string }>((resolve, reject) => {
      child.once('message', (message: { details: { id: string; url: string; healthUrl: string } }) =>
        resolve(message.details),
      );
      void exited.then((code) => reject(new Error(`transwrap exited (${code}):\n${output}`)));
    }),
    30_000,
  );
  return {
    ...details,
    pid: child.pid ?? 0,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * A test file's own transwrap against its useApiStack() stack: started before its tests, stopped
 * after them. The returned object reads through to the running process.
 */
export function useTranswrap(api: ApiStack, env: Record<string, string> = {}): TranswrapProcess {
  let current: TranswrapProcess | undefined;
  const running = () => {
    if (!current) throw new Error('transwrap is not started yet (use it inside tests)');
    return current;
  };
  beforeAll(async () => {
    current = await spawnTranswrap(api.stack.info, env);
  }, 60_000);
  afterAll(async () => {
    await current?.stop();
  });
  return {
    get id() {
      return running().id;
    },
    get url() {
      return running().url;
    },
    get healthUrl() {
      return running().healthUrl;
    },
    get pid() {
      return running().pid;
    },
    get exited() {
      return running().exited;
    },
    output: () => running().output(),
    stop: (signal) => running().stop(signal),
  };
}
