/** startBroadcast sends a seller to the least-loaded endpoint that is ACTIVE, alive and has room. */
import { resolverModule, runHandler } from '../testing/run-handler';

const now = Date.now();
const endpoint = (id: string, load: number, extra: Record<string, unknown> = {}) => ({
  id,
  url: `wss://${id}.example/ingest`,
  region: 'eu-west-1',
  status: 'ACTIVE',
  sessions: 1,
  capacity: 10,
  load,
  heartbeatAt: new Date(now - 1000).toISOString(),
  startedAt: new Date(now - 60_000).toISOString(),
  ...extra,
});

async function pick(items: unknown[]) {
  return runHandler(await resolverModule('functions/pickEndpoint'), 'response', { result: { items } });
}

test('asks only for ACTIVE endpoints', async () => {
  const outcome = runHandler(await resolverModule('functions/pickEndpoint'), 'request');
  expect(outcome.ok && outcome.value).toMatchObject({
    operation: 'Scan',
    filter: { expression: expect.stringContaining('=') as unknown },
  });
  expect(JSON.stringify(outcome.ok && outcome.value)).toContain('"S":"ACTIVE"');
});

test('the least loaded wins, and is put in the stash', async () => {
  const outcome = await pick([endpoint('a', 0.7), endpoint('b', 0.2), endpoint('c', 0.5)]);
  expect(outcome.ok && outcome.value).toMatchObject({ id: 'b' });
  expect(outcome.ok && outcome.ctx.stash).toMatchObject({ endpoint: { id: 'b' } });
});

test('an endpoint silent for over 30 s, or full, is passed over', async () => {
  const stale = endpoint('stale', 0, { heartbeatAt: new Date(now - 31_000).toISOString() });
  const full = endpoint('full', 0.1, { sessions: 10 });
  expect(await pick([stale, full, endpoint('ok', 0.9)])).toMatchObject({ ok: true, value: { id: 'ok' } });
});

test('with none left, the seller is told to try again shortly', async () => {
  expect(await pick([endpoint('full', 0, { sessions: 10 })])).toMatchObject({
    ok: false,
    error: { errorType: 'NoEndpointAvailable' },
  });
});
