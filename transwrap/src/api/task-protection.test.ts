/**
 * A task carrying broadcasts asks the ECS agent for scale-in protection and gives it up when idle;
 * while busy it renews before expiry; the agent failing is logged and retried, never thrown.
 * The agent here is a stand-in speaking its task-protection API as AWS documents it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-scale-in-protection-endpoint.html).
 */
import { until } from '@golive/common/testing/poll';
import { jsonLogger } from '../logger';
import { PROTECTION_MINUTES, TaskProtection, type TaskProtectionOptions } from './task-protection';
import { standInAgent, type AgentMode, type StandInAgent } from '../testing/ecs-agent';

const ON = { ProtectionEnabled: true, ExpiresInMinutes: PROTECTION_MINUTES };
const OFF = { ProtectionEnabled: false };

let agent: StandInAgent;
let lines: string[];
let protection: TaskProtection;
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const lastLogged = () => logged().at(-1)?.message;

/**
 * Resolves once every timer of `periodMs` or less that `tracker` had set has had its turn, and a
 * call it began then has settled: the moment a renewal it should no longer make would have been
 * made. The witness is a second tracker renewing every `periodMs`, set going now: Node runs timers
 * of one duration in the order they were set, so its first renewal comes after them.
 */
async function aRenewalPeriodLater(tracker: TaskProtection, periodMs: number): Promise<void> {
  const clock = await standInAgent();
  const witness = new TaskProtection({
    agentUri: clock.uri,
    log: jsonLogger({ endpoint: 'tw-witness' }, () => undefined),
    renewEveryMs: periodMs,
  });
  try {
    witness.setSessions(1);
    await until("the witness's first renewal", () => clock.requests.length >= 2, 5000);
  } finally {
    witness.stop();
    await witness.settled();
    await clock.close();
  }
  await tracker.settled();
}

function protectionFor(options: Partial<TaskProtectionOptions> = {}): TaskProtection {
  protection = new TaskProtection({
    agentUri: agent.uri,
    log: jsonLogger({ endpoint: 'tw-test' }, (line) => lines.push(line)),
    ...options,
  });
  return protection;
}

beforeEach(async () => {
  agent = await standInAgent();
  lines = [];
});

afterEach(async () => {
  protection?.stop();
  await protection?.settled();
  await agent.close();
});

test('protected from the first broadcast to the last, and not asked again in between', async () => {
  const tracker = protectionFor();
  tracker.setSessions(0);
  await tracker.settled();
  expect(agent.requests).toEqual([]); // an idle task stays unprotected

  tracker.setSessions(1);
  await tracker.settled();
  expect(agent.requests).toEqual([ON]);

  tracker.setSessions(2);
  tracker.setSessions(1);
  await tracker.settled();
  expect(agent.requests).toEqual([ON]);

  tracker.setSessions(0);
  await tracker.settled();
  expect(agent.requests).toEqual([ON, OFF]);
  expect(logged()).toEqual([
    expect.objectContaining({ level: 'info', message: 'task protection on', endpoint: 'tw-test' }),
    expect.objectContaining({ level: 'info', message: 'task protection off' }),
  ]);
  expect(Date.parse(logged()[0]!.until as string)).toBeGreaterThan(Date.now() + 59 * 60_000);
});

test('a broadcast that ends while protection is being asked for is followed by "off"', async () => {
  const tracker = protectionFor();
  tracker.setSessions(1);
  tracker.setSessions(0);
  await tracker.settled();
  expect(agent.requests).toEqual([ON, OFF]);
});

test('while busy, protection is renewed before it expires; once idle, renewals stop', async () => {
  const tracker = protectionFor({ renewEveryMs: 200 });
  tracker.setSessions(1);
  const started = Date.now();
  // The first call, then one every 200 ms (waited for, not slept on: a busy machine's timers run late).
  await until('three calls to the agent', () => agent.requests.length >= 3, 5000);
  // Not faster than the renewal period: three calls take at least two periods.
  expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  expect(new Set(agent.requests.map((request) => JSON.stringify(request)))).toEqual(
    new Set([JSON.stringify(ON)]),
  );

  tracker.setSessions(0);
  await tracker.settled();
  const sent = agent.requests.length;
  expect(agent.requests.at(-1)).toEqual(OFF);
  await aRenewalPeriodLater(tracker, 200);
  expect(agent.requests).toHaveLength(sent);
});

test.each([
  [
    'an error answer (4xx)',
    'error',
    { status: 400, code: 'AccessDeniedException', requestId: '12345-abc-6789-0123-abc' },
  ],
  ['a failure in a 200 answer', 'failure', { status: 200, reason: 'TASK_NOT_VALID' }],
  ['a dropped connection', 'hang up', { error: expect.stringMatching(/fetch failed/) }],
] as [string, AgentMode, Record<string, unknown>][])(
  '%s is logged, not thrown, and retried until the agent protects the task',
  async (_, mode, details) => {
    agent.mode = mode;
    const tracker = protectionFor({ retryAfterMs: 150 });
    expect(() => tracker.setSessions(1)).not.toThrow();
    await tracker.settled();
    expect(logged()).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'task protection failed',
        wanted: 'on',
        ...details,
      }),
    ]);

    agent.mode = 'ok';
    await until('the retried "on" confirmed', () => lastLogged() === 'task protection on', 5000);
    await tracker.settled();
    expect(agent.requests).toEqual([ON, ON]);
    expect(logged().at(-1)).toMatchObject({ level: 'info', message: 'task protection on' });
  },
);

test('an unreachable agent is logged and retried', async () => {
  await agent.close();
  const tracker = protectionFor({ retryAfterMs: 100 });
  tracker.setSessions(1);
  const failed = () => logged().filter((line) => line.message === 'task protection failed');
  await until('a second failed attempt', () => failed().length >= 2, 5000);
  await tracker.settled();
  const failures = failed();
  expect(failures.length).toBeGreaterThanOrEqual(2);
  expect(failures[0]).toMatchObject({ level: 'error', wanted: 'on' });
  expect(failures[0]?.error).toMatch(/ECONNREFUSED/);
});

test('a failed "off" is retried, so an idle task does not stay protected until expiry', async () => {
  const tracker = protectionFor({ retryAfterMs: 150 });
  tracker.setSessions(1);
  await tracker.settled();
  agent.mode = 'error';
  tracker.setSessions(0);
  await tracker.settled();
  agent.mode = 'ok';
  await until('the retried "off" confirmed', () => lastLogged() === 'task protection off', 5000);
  await tracker.settled();
  expect(agent.requests).toEqual([ON, OFF, OFF]);
  expect(logged().map((line) => line.message)).toEqual([
    'task protection on',
    'task protection failed',
    'task protection off',
  ]);
});

test('once draining, nothing is sent: not on a new broadcast, not as a renewal', async () => {
  const tracker = protectionFor({ renewEveryMs: 100 });
  tracker.setSessions(1);
  await tracker.settled();
  tracker.stop();
  tracker.setSessions(0);
  tracker.setSessions(2);
  await aRenewalPeriodLater(tracker, 100);
  expect(agent.requests).toEqual([ON]);
});

test('off ECS (no ECS_AGENT_URI) it does nothing at all', async () => {
  const tracker = protectionFor({ agentUri: undefined });
  expect(tracker.active).toBe(false);
  // Inactive, it starts no call and sets no timer: anything it did would be under way now.
  tracker.setSessions(1);
  await tracker.settled();
  expect(agent.requests).toEqual([]);
  expect(lines).toEqual([]);
});
