/**
 * transwrap as it runs on ECS, a real process configured as amplify/ configures it:
 * - a task carrying a broadcast is protected from scale-in and deployments for as long as the
 *   broadcast lasts: told where the ECS agent is by ECS_AGENT_URI, as ECS would, it asks a stand-in
 *   agent for protection when a broadcast starts and gives it up when it ends
 *   (api/task-protection.test.ts covers renewals and failures);
 * - its load reaches CloudWatch as the metric the service scales on (embedded in its log).
 */
import { until } from '@golive/common/testing/poll';
import { useApiStack } from '@golive/local/testing/api-stack';
import { PROTECTION_MINUTES } from './api/task-protection';
import { CloseCode } from './protocol/messages';
import { broadcastOn, watchedChannel } from './testing/test-broadcast';
import { standInAgent, type StandInAgent } from './testing/ecs-agent';
import { spawnTranswrap, type TranswrapProcess } from './testing/transwrap-process';

const api = useApiStack('transwrap-task-protection');
let agent: StandInAgent;
let transwrap: TranswrapProcess;

beforeAll(async () => {
  agent = await standInAgent();
  transwrap = await spawnTranswrap(api.stack.info, {
    ECS_AGENT_URI: agent.uri,
    LOAD_METRIC_NAMESPACE: 'GoLive/Transwrap',
    LOAD_METRIC_SERVICE: 'test-deployment',
    HEARTBEAT_INTERVAL_MS: '500',
  });
}, 60_000);

afterAll(async () => {
  await transwrap?.stop();
  await agent?.close();
});

test('a broadcast keeps its ECS task protected from scale-in until it ends, and shows in the load metric', async () => {
  const ON = { ProtectionEnabled: true, ExpiresInMinutes: PROTECTION_MINUTES };
  const OFF = { ProtectionEnabled: false };
  // An idle task is left for ECS to scale in or replace.
  expect(agent.requests).toEqual([]);

  const watched = await watchedChannel(api, 'Protected');
  try {
    const { client, sending } = await broadcastOn(await watched.ticket(), api.who.tokens.seller);
    await watched.liveAgain(0);
    await until('a request to the ECS agent', () => agent.requests.length > 0, 5000);
    expect(agent.requests).toEqual([ON]);

    client.stop();
    expect((await client.closed).code).toBe(CloseCode.Normal);
    await sending;
    // transwrap logs the agent's answer to each call.
    await until(
      'transwrap to log task protection off',
      () => transwrap.output().includes('"message":"task protection off"'),
      15_000,
    );
    expect(agent.requests).toEqual([ON, OFF]);
    expect(transwrap.output()).toContain('"message":"task protection on"');
    expect(transwrap.output()).not.toContain('task protection failed');
    // While live, the load lines said one broadcast, as a share of the capacity.
    const loads = transwrap
      .output()
      .split('\n')
      .filter((line) => line.includes('"message":"load"'))
      .map((line) => JSON.parse(line) as { Service: string; Sessions: number; LoadPercent: number });
    expect(loads.some((load) => load.Sessions === 1 && load.LoadPercent === 2)).toBe(true);
    expect(loads.every((load) => load.Service === 'test-deployment')).toBe(true);
  } finally {
    watched.status.stop();
  }
}, 60_000);
