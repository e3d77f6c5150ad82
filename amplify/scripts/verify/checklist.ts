/**
 * Runs verify's steps one by one, each within its time limit, and prints one line per step: a
 * check mark with what it found, or a cross with exactly what failed and its likely cause. A step
 * that runs out of time is cancelled (its AbortSignal) and named, with what it was waiting for.
 */
import { describeFailure, likelyCause, VerifyFailure } from './failure-hints';
import { CLEAN_UP, STEPS, type StepId, type StepLimits } from './steps';

export interface StepContext {
  /** Aborted when the step runs out of time: stop waiting, close what it opened. */
  signal: AbortSignal;
  /** What the step is waiting for now, said (with its symptom's likely cause) if time runs out. */
  waitingFor: (symptom: string, detail: string) => void;
}

/** A step failed and was reported: the steps after it are skipped, clean-up still runs. */
export class StepFailed extends Error {
  override name = 'StepFailed';
  constructor(readonly step: StepId) {
    super(`${STEPS[step].title} failed`);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export class Checklist {
  private readonly done = new Set<StepId>();
  /** How many steps failed so far. */
  failures = 0;

  /** `interrupted`: aborted on Ctrl-C; the step running fails at once, and clean-up runs. */
  constructor(
    private readonly print: (line: string) => void,
    private readonly interrupted: AbortSignal = new AbortController().signal,
    private readonly steps: Record<StepId, StepLimits> = STEPS,
  ) {}

  get passed(): boolean {
    return this.failures === 0;
  }

  /** Runs a step; prints its line; throws StepFailed when it fails. */
  async run<T>(
    step: StepId,
    work: (context: StepContext) => Promise<T>,
    found?: (result: T) => string,
  ): Promise<T> {
    const { title, timeoutMs } = this.steps[step];
    this.done.add(step);
    const started = Date.now();
    const controller = new AbortController();
    let waiting: { symptom: string; detail: string } | undefined;
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        const what = waiting ? ` (${waiting.detail})` : '';
        reject(new VerifyFailure('timeout', `timed out after ${seconds(timeoutMs)}${what}`));
      }, timeoutMs);
    });
    let stop = () => {};
    const stopped = new Promise<never>((_, reject) => {
      if (CLEAN_UP.includes(step)) return;
      stop = () => {
        controller.abort();
        reject(new VerifyFailure('interrupted', 'interrupted'));
      };
      if (this.interrupted.aborted) stop();
      else this.interrupted.addEventListener('abort', stop, { once: true });
    });
    const context: StepContext = {
      signal: controller.signal,
      waitingFor: (symptom, detail) => (waiting = { symptom, detail }),
    };
    // Started now, before anything can abort it; a step that throws at once fails like one that rejects.
    let working: Promise<T>;
    try {
      working = work(context);
    } catch (error) {
      working = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // Whatever the work does after the step timed out is no longer anyone's concern.
    working.catch(() => undefined);
    try {
      const result = await Promise.race([working, outOfTime, stopped]);
      const detail = found?.(result) ? `: ${found(result)}` : '';
      this.print(`✓ ${title}${detail} (${seconds(Date.now() - started)})`);
      return result;
    } catch (error) {
      this.failures++;
      const { symptom, message } = describeFailure(error);
      this.print(`✗ ${title}: ${message}`);
      // A timeout is best explained by what the step was still waiting for.
      const cause =
        (symptom === 'timeout' && waiting && likelyCause(step, waiting.symptom)) ||
        likelyCause(step, symptom);
      if (cause) this.print(`    likely cause: ${cause}`);
      throw new StepFailed(step);
    } finally {
      clearTimeout(timer);
      this.interrupted.removeEventListener('abort', stop);
    }
  }

  /** Runs a clean-up step: printed like the others, never throws. Whether it succeeded. */
  async cleanUp(step: StepId, work: (context: StepContext) => Promise<string | void>): Promise<boolean> {
    try {
      await this.run(step, work, (result) => result ?? '');
      return true;
    } catch {
      return false;
    }
  }

  /** Says which steps an earlier failure kept from running (clean-up steps always run). */
  printSkipped(): void {
    for (const step of Object.keys(this.steps) as StepId[])
      if (!this.done.has(step) && !CLEAN_UP.includes(step))
        this.print(`- ${this.steps[step].title}: skipped (an earlier step failed)`);
  }
}
