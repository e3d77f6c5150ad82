/**
 * The stack's side of one local service: a child Node process running a `runService` entry.
 * Its output is forwarded line by line with the service's name in front.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isReadyMessage, type ConfigMessage } from './messages';

const TSX_LOADER = require.resolve('tsx');
const STOP_GRACE_MS = 5_000;

/** A service could not start; the message carries the service's own last words. */
export class ServiceStartError extends Error {
  override name = 'ServiceStartError';
}

export interface ServiceProcessOptions {
  name: string;
  /** Absolute path of a TypeScript module that calls `runService`. */
  entry: string;
  config: unknown;
  startTimeoutMs: number;
  log: (line: string) => void;
  /** Called when the service exits after start-up without being stopped (a crash, kill -9). */
  onUnexpectedExit?: (how: string) => void;
}

export class ServiceProcess<Details> {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private recentOutput: string[] = [];
  private stopping = false;

  constructor(private readonly options: ServiceProcessOptions) {}

  start(): Promise<Details> {
    const { name, entry, config, startTimeoutMs } = this.options;
    const child = fork(entry, [], {
      execArgv: ['--import', TSX_LOADER],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: Ctrl-C reaches only the stack, which then stops services in order.
      detached: true,
    });
    // Over the IPC channel, which only this stack and the child hold: the config carries secrets.
    const message: ConfigMessage = { type: 'config', config };
    // A child that dies before reading it is reported by its exit below.
    child.send(message, () => undefined);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.output(line));
    }

    return new Promise<Details>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new Error(`${name} did not become ready within ${startTimeoutMs} ms`));
        void this.stop();
      }, startTimeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        const tail = this.recentOutput.join('\n');
        reject(new ServiceStartError(tail ? `${error.message}:\n${tail}` : error.message));
      };
      const onMessage = (message: unknown) => {
        if (!isReadyMessage<Details>(message)) return;
        clearTimeout(timer);
        child.off('exit', onExit);
        child.once('exit', (code, signal) => {
          if (this.stopping) return;
          const how = signal ?? `code ${code}`;
          this.options.log(`[${name}] exited unexpectedly (${how})`);
          this.options.onUnexpectedExit?.(how);
        });
        resolve(message.details);
      };
      const onExit = (code: number | null, signal: string | null) =>
        fail(new Error(`${name} exited during start-up (${signal ?? `code ${code}`})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  /** SIGTERM, then SIGKILL if the service has not exited after a grace period. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.exited || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private output(line: string) {
    this.recentOutput = [...this.recentOutput.slice(-19), line];
    this.options.log(`[${this.options.name}] ${line}`);
  }
}
