/** A relay claimed before stopBroadcast must not come back; one claimed after it may. */
import { resolverModule, runHandler } from '../testing/run-handler';

const stoppedAt = Date.parse('2026-11-25T12:00:00.000Z');

async function stopped(channel: unknown, since: string) {
  const outcome = runHandler(await resolverModule('Query/broadcastStopped'), 'response', {
    args: { channelId: 'ch1', since },
    result: channel,
  });
  return outcome.ok ? outcome.value : outcome;
}

test.each([
  ['claimed before the stop', { id: 'ch1', stopRequestedAtMs: stoppedAt }, '2026-11-25T11:59:59.000Z', true],
  ['claimed at the stop', { id: 'ch1', stopRequestedAtMs: stoppedAt }, '2026-11-25T12:00:00.000Z', true],
  ['claimed after the stop', { id: 'ch1', stopRequestedAtMs: stoppedAt }, '2026-11-25T12:00:01.000Z', false],
  ['never stopped', { id: 'ch1' }, '2026-11-25T12:00:00.000Z', false],
  ['deleted', null, '2026-11-25T12:00:00.000Z', true],
])('%s: %p', async (_case, channel, since, expected) => {
  expect(await stopped(channel, since)).toBe(expected);
});
