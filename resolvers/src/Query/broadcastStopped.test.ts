/**
 * A broadcast whose ticket was issued before stopBroadcast must not go (or come back) on air; one
 * issued after it may. Nor may one whose owner is suspended, whenever its ticket was issued.
 */
import { resolverModule, runHandler } from '../testing/run-handler';

const stoppedAt = Date.parse('2026-11-25T12:00:00.000Z');

/** The pipeline's answer once findChannel and getSeller have stashed what they read. */
async function stopped(channel: unknown, since: string, seller: unknown = null) {
  const module = await resolverModule('Query/broadcastStopped');
  const args = { channelId: 'ch1', since };
  const before = runHandler(module, 'request', { args });
  if (!before.ok) return before;
  const outcome = runHandler(module, 'response', {
    args,
    stash: { ...before.ctx.stash, channel, seller },
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

test.each([
  ['suspended', { id: 'seller-1', suspension: 'SUSPENDED' }, true],
  ['reinstated', { id: 'seller-1' }, false],
  ['never suspended (no item)', null, false],
])('owner %s: %p', async (_case, seller, expected) => {
  expect(await stopped({ id: 'ch1', owner: 'seller-1' }, '2026-11-25T12:00:01.000Z', seller)).toBe(expected);
});
