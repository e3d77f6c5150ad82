/**
 * A service that dies is brought back, as a process manager would: after a pause that grows,
 * on the same port, with a log line for each step; one that keeps dying is given up on loudly.
 * Real child processes, killed with SIGKILL.
 */
import { join } from 'node:path';
import { freePort } from '../free-port';
import { isAlive } from './is-alive';
import { RestartingService, type RestartPolicy } from './restarting-service';
import type { HttpServiceDetails } from './run-service';
import type { PidServiceConfig } from './testing/pid-service';

const ENTRY = join(__dirname, 'testing', 'pid-service.ts');
const POLICY: RestartPolicy = { delaysMs: [100, 200], healthyAfterMs: 60_000 };

interface Answer {
  pid: number;
  note?: string;
  argv: string[];
}

async function ask(details: HttpServiceDetails): Promise<Answer> {
  return (await (await fetch(details.endpoint)).json()) as Answer;
}

/** A service on its own port; `config` may vary by run. Every event is recorded for the test. */
async function supervised(config: (run: number, port: number) => Partial<PidServiceConfig> = () => ({})) {
  const port = await freePort('127.0.0.1');
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const log = (line: string) => {
    lines.push(line);
    for (const waiter of waiters.filter(({ pattern }) => pattern.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  };
  const logged = (pattern: RegExp) => new Promise<string>((resolve) => waiters.push({ pattern, resolve }));
  const restarted: HttpServiceDetails[] = [];
  const exits: string[] = [];
  let gaveUp: (reason: string) => void = () => undefined;
  const givenUp = new Promise<string>((resolve) => (gaveUp = resolve));
  const service = new RestartingService<HttpServiceDetails>({
    name: 'pid',
    entry: ENTRY,
    startTimeoutMs: 30_000,
    log,
    policy: POLICY,
    config: (run) => ({ host: '127.0.0.1', port, path: '', note: 'secret-in-config', ...config(run, port) }),
    onUnexpectedExit: (how) => exits.push(how),
    onRestarted: (details) => restarted.push(details),
    onGiveUp: gaveUp,
  });
  return { service, port, lines, logged, restarted, exits, givenUp };
}

test('a service killed with SIGKILL comes back on the same port, saying so, and answers again', async () => {
  const { service, lines, logged, restarted, exits } = await supervised();
  const first = await service.start();
  const before = await ask(first);

  const back = logged(/is back/);
  process.kill(before.pid, 'SIGKILL');
  expect(await back).toBe('[pid] is back (restart 1 of 2)');

  expect(restarted).toEqual([first]);
  const after = await ask(first);
  expect(after.pid).not.toBe(before.pid);
  expect(exits).toEqual(['SIGKILL']);
  expect(lines).toEqual([
    '[pid] exited unexpectedly (SIGKILL)',
    '[pid] restarting in 0.1 s (restart 1 of 2)',
    '[pid] is back (restart 1 of 2)',
  ]);
  await service.stop();
  expect(isAlive(after.pid)).toBe(false);
});

test('its config reaches it over IPC, never on its command line', async () => {
  const { service } = await supervised();
  const answer = await ask(await service.start());
  expect(answer.note).toBe('secret-in-config');
  expect(answer.argv).toEqual([]);
  await service.stop();
});

test('a restart that fails to start is one more try; when the tries run out the service is given up, loudly', async () => {
  // The second run (the first restart) fails; the third answers; then it dies once too often.
  const { service, logged, givenUp, lines } = await supervised((run) => ({ failToStart: run === 2 }));
  const first = await service.start();

  const back = logged(/is back/);
  process.kill((await ask(first)).pid, 'SIGKILL');
  expect(await back).toBe('[pid] is back (restart 2 of 2)');
  expect(lines).toContainEqual(
    expect.stringMatching(/^\[pid\] restart 1 failed: pid exited during start-up/),
  );

  const { pid } = await ask(first);
  process.kill(pid, 'SIGKILL');
  expect(await givenUp).toBe('pid kept going down (last: SIGKILL)');
  expect(lines.at(-1)).toBe(
    '[pid] GIVING UP: it went down 3 times in a row and 2 restarts did not keep it up (last: SIGKILL).',
  );
  await expect(fetch(first.endpoint)).rejects.toThrow();
  await service.stop();
});

test('stopped while a restart is pending, it stays down and leaves nothing running', async () => {
  const { service, logged, restarted } = await supervised();
  const first = await service.start();
  const pending = logged(/restarting in/);
  process.kill((await ask(first)).pid, 'SIGKILL');
  await pending;
  await service.stop();
  expect(restarted).toEqual([]);
  await expect(fetch(first.endpoint)).rejects.toThrow();
});
