/**
 * How verify reports a step it could not finish: a step that runs out of time is named, says what
 * it was still waiting for and that wait's likely cause, and its work is cancelled; Ctrl-C fails
 * the running step at once while clean-up steps still run; steps a failure kept from running are
 * listed as skipped.
 */
import { Checklist, StepFailed } from './checklist';
import { STEPS } from './steps';

function checklist(options: { interrupted?: AbortSignal; liveTimeoutMs?: number } = {}) {
  const lines: string[] = [];
  const steps = {
    ...STEPS,
    live: { ...STEPS.live, timeoutMs: options.liveTimeoutMs ?? STEPS.live.timeoutMs },
  };
  return { lines, list: new Checklist((line) => lines.push(line), options.interrupted, steps) };
}

/** Work that only ends when its step cancels it; resolves `cancelled` then. */
function endless() {
  let cancelled: (value: true) => void = () => {};
  const wasCancelled = new Promise<true>((resolve) => (cancelled = resolve));
  const work = ({ signal }: { signal: AbortSignal }) =>
    new Promise<never>(() => signal.addEventListener('abort', () => cancelled(true)));
  return { work, wasCancelled };
}

test('a step out of time says which step, what it waited for and why that likely is, and is cancelled', async () => {
  const { lines, list } = checklist({ liveTimeoutMs: 50 });
  const { work, wasCancelled } = endless();
  await expect(
    list.run('live', (context) => {
      context.waitingFor('live:relay-connecting', "transwrap's relay: connecting");
      return work(context);
    }),
  ).rejects.toBeInstanceOf(StepFailed);
  await expect(wasCancelled).resolves.toBe(true);
  expect(lines).toEqual([
    "✗ see LIVE on onChannelStatus: timed out after 0.1 s (transwrap's relay: connecting)",
    expect.stringMatching(/^ {4}likely cause: transwrap cannot get the stream into IVS/),
  ]);
  expect(list.passed).toBe(false);
});

test('Ctrl-C fails the running step at once; clean-up steps still run', async () => {
  const interrupt = new AbortController();
  const { lines, list } = checklist({ interrupted: interrupt.signal });
  const { work, wasCancelled } = endless();
  const running = list.run('live', work);
  interrupt.abort();
  await expect(running).rejects.toBeInstanceOf(StepFailed);
  await expect(wasCancelled).resolves.toBe(true);
  await expect(
    list.cleanUp('delete-seller', () => Promise.resolve('golive-verify-1@example.com')),
  ).resolves.toBe(true);
  expect(lines).toEqual([
    '✗ see LIVE on onChannelStatus: interrupted',
    expect.stringMatching(/^✓ delete the temporary seller: golive-verify-1@example\.com \(\d+\.\d s\)$/),
  ]);
});

test('after a failure, the steps that did not run are listed as skipped, clean-up steps not', async () => {
  const { lines, list } = checklist();
  await list.run(
    'seller',
    () => Promise.resolve(),
    () => 'made',
  );
  await expect(list.run('sign-in', () => Promise.reject(new Error('no')))).rejects.toBeInstanceOf(StepFailed);
  lines.length = 0;
  list.printSkipped();
  expect(lines).toEqual(
    (
      [
        'channel',
        'status',
        'ticket',
        'connect',
        'hello',
        'live',
        'playlist',
        'segment',
        'publish',
        'stop',
        'offline',
      ] as const
    ).map((step) => `- ${STEPS[step].title}: skipped (an earlier step failed)`),
  );
});
