/**
 * A broadcast is taken over once a ticket of its channel issued after its own has been claimed
 * (the seller went live again); its own claim, or none, is not a takeover.
 */
import { resolverModule, runHandler } from '../testing/run-handler';

const since = '2026-12-05T12:00:00.000Z';
const sinceMs = Date.parse(since);

async function takenOver(channel: unknown) {
  const module = await resolverModule('Query/broadcastTakenOver');
  const args = { channelId: 'ch1', since };
  const before = runHandler(module, 'request', { args });
  if (!before.ok) return before;
  const outcome = runHandler(module, 'response', { args, stash: { ...before.ctx.stash, channel } });
  return outcome.ok ? outcome.value : outcome;
}

test.each([
  ['no claim recorded', { id: 'ch1' }, false],
  ["this broadcast's own claim", { id: 'ch1', claimedTicketIssuedAtMs: sinceMs }, false],
  ['an earlier claim', { id: 'ch1', claimedTicketIssuedAtMs: sinceMs - 1000 }, false],
  ['a later ticket claimed', { id: 'ch1', claimedTicketIssuedAtMs: sinceMs + 1 }, true],
  ['the channel gone (broadcastStopped says so)', null, false],
])('%s: %p', async (_case, channel, expected) => {
  expect(await takenOver(channel)).toBe(expected);
});

test('a bad channel id is a ValidationError', async () => {
  const module = await resolverModule('Query/broadcastTakenOver');
  expect(runHandler(module, 'request', { args: { channelId: 'no such id!', since } })).toMatchObject({
    ok: false,
    error: { errorType: 'ValidationError' },
  });
});
