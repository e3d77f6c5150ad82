/**
 * A service the stack keeps running, as a process manager would: when its child exits without
 * being asked to (a crash, kill -9), it is started again after a pause that doubles each time;
 * one that keeps dying is given up on, loudly, once the pauses run out. A run that lasted a
 * while before dying starts the count over.
 */
import { ServiceProcess, type ServiceProcessOptions } from './service-process';

export interface RestartPolicy {
  /** The pause before each restart in a row; when they run out the service is given up on. */
  delaysMs: readonly number[];
  /** A run at least this long before dying counts as healthy: the next restart is the first again. */
  healthyAfterMs: number;
}

export const RESTART_POLICY: RestartPolicy = {
  delaysMs: [1_000, 2_000, 4_000, 8_000, 16_000],
  healthyAfterMs: 60_000,
};

export interface RestartingServiceOptions<Details> extends Omit<
  ServiceProcessOptions,
  'config' | 'onUnexpectedExit'
> {
  /** The config of each run (1 is the first start): a replacement may differ from what it replaces. */
  config: (run: number) => unknown;
  policy?: RestartPolicy;
  /** A run that had answered died; called before any restart, with what that run had reported. */
  onUnexpectedExit?: (how: string, details: Details) => void;
  /** A restart answers; its details replace the last run's. */
  onRestarted?: (details: Details) => void;
  /** The restarts ran out: the service is down for good. */
  onGiveUp: (reason: string) => void;
}

export class RestartingService<Details> {
  private current: ServiceProcess<Details> | undefined;
  /** What the running (or last) child reported when it answered. */
  private details: Details | undefined;
  private runs = 0;
  /** Restarts since the last healthy run. */
  private restarts = 0;
  private startedAt = 0;
  private stopped = false;
  private pause: { timer: NodeJS.Timeout; end: () => void } | undefined;
  private restarting: Promise<void> | undefined;

  constructor(private readonly options: RestartingServiceOptions<Details>) {}

  /** The first run: if it cannot start, the caller hears it (start-up fails as before). */
  start(): Promise<Details> {
    return this.run();
  }

  /** Stops the running child, or a restart that is pending or under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pause) {
      clearTimeout(this.pause.timer);
      this.pause.end();
    }
    await this.current?.stop();
    await this.restarting;
  }

  private async run(): Promise<Details> {
    this.runs += 1;
    const config = await this.options.config(this.runs);
    if (this.stopped) throw new Error(`${this.options.name} was stopped before it started`);
    const child = new ServiceProcess<Details>({
      ...this.options,
      config,
      onUnexpectedExit: (how) => this.died(how),
    });
    this.current = child;
    this.details = await child.start();
    this.startedAt = Date.now();
    return this.details;
  }

  private died(how: string) {
    if (this.stopped) return;
    if (Date.now() - this.startedAt >= (this.options.policy ?? RESTART_POLICY).healthyAfterMs) {
      this.restarts = 0;
    }
    this.options.onUnexpectedExit?.(how, this.details as Details);
    this.restarting = this.restart(how);
  }

  private async restart(lastExit: string): Promise<void> {
    const { name, log } = this.options;
    const { delaysMs } = this.options.policy ?? RESTART_POLICY;
    let why = lastExit;
    while (!this.stopped) {
      const delay = delaysMs[this.restarts];
      if (delay === undefined) {
        log(
          `[${name}] GIVING UP: it went down ${this.restarts + 1} times in a row and ${delaysMs.length} restarts did not keep it up (last: ${why}).`,
        );
        this.options.onGiveUp(`${name} kept going down (last: ${why})`);
        return;
      }
      this.restarts += 1;
      log(`[${name}] restarting in ${delay / 1000} s (restart ${this.restarts} of ${delaysMs.length})`);
      await new Promise<void>((end) => (this.pause = { timer: setTimeout(end, delay), end }));
      this.pause = undefined;
      if (this.stopped) return;
      try {
        const details = await this.run();
        if (this.stopped) return;
        // Facts first (local-stack.json), so whoever reads the line finds them up to date.
        this.options.onRestarted?.(details);
        log(`[${name}] is back (restart ${this.restarts} of ${delaysMs.length})`);
        return;
      } catch (error) {
        why = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown';
        log(`[${name}] restart ${this.restarts} failed: ${why}`);
      }
    }
  }
}
