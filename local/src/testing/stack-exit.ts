/**
 * Stopping a local stack in a test and seeing that it leaves nothing running: every process it
 * had started exits, the services included (killed with SIGKILL, the stack cannot stop them: they
 * notice and exit by themselves).
 */
import { poll } from '@golive/common/testing/poll';
import { descendantsOf, stillRunning, type ProcessId } from './process-tree';
import type { StackProcess } from './stack-process';

/** Waits (10 s at most) for these processes to exit; fails naming those still running. */
export async function allExited(processes: ProcessId[]): Promise<void> {
  await poll(
    () => `the stack's processes to exit (still running: ${JSON.stringify(stillRunning(processes))})`,
    () => (stillRunning(processes).length === 0 ? true : undefined),
    10_000,
  );
}

/** Stops the stack and waits for every process it had started to exit. */
export async function stopLeavingNothing(running: StackProcess, signal: NodeJS.Signals): Promise<void> {
  const children = descendantsOf(running.pid);
  expect(children.length).toBeGreaterThanOrEqual(1);
  await running.stop(signal);
  await allExited(children);
}
