/** A broadcast whose ticket was issued before stopBroadcast must not go (or come back) on air; one issued after it may. */
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
  [
    'ticket issued before the stop',
    { id: 'ch1', stopRequestedAtMs: stoppedAt },
    '2026-11-25T11:59:59.000Z',
    true,
  ],
  [
    'ticket issued at the stop',
    { id: 'ch1', stopRequestedAtMs: stoppedAt },
    '2026-11-25T12:00:00.000Z',
    true,
  ],
  [
    'ticket issued after the stop',
    { id: 'ch1', stopRequestedAtMs: stoppedAt },
    '2026-11-25T12:00:01.000Z',
    false,
  ],
  ['never stopped', { id: 'ch1' }, '2026-11-25T12:00:00.000Z', false],
  ['deleted', null, '2026-11-25T12:00:00.000Z', true],
])('%s: %p', async (_case, channel, since, expected) => {
  expect(await stopped(channel, since)).toBe(expected);
});
