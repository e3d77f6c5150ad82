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

test('asks the byStatus index for ACTIVE endpoints that heartbeated in the last 30 s, and nothing else', async () => {
  const before = Date.now();
  const outcome = runHandler(await resolverModule('functions/pickEndpoint'), 'request');
  const request = (outcome.ok ? outcome.value : {}) as {
    operation: string;
    index: string;
    query: {
      expression: string;
      expressionNames: Record<string, string>;
      expressionValues: Record<string, { S: string }>;
    };
    filter?: unknown;
  };
  expect(request).toMatchObject({ operation: 'Query', index: 'byStatus' });
  // No filter: whatever the index holds beyond the key condition is never read.
  expect(request.filter).toBeUndefined();
  const { expression, expressionNames: names, expressionValues: values } = request.query;
  const named = Object.entries(names).reduce(
    (text, [placeholder, name]) => text.split(placeholder).join(name),
    expression,
  );
  const valued = Object.entries(values).reduce(
    (text, [placeholder, value]) => text.split(placeholder).join(JSON.stringify(value.S)),
    named,
  );
  const freshSince = valued.match(/heartbeatAt > "([^"]+)"/)?.[1];
  expect(valued).toMatch(/^\(?status = "ACTIVE"\)? AND \(?heartbeatAt > "[^"]+"\)?$/);
  expect(Date.parse(freshSince!)).toBeGreaterThanOrEqual(before - 30_000);
  expect(Date.parse(freshSince!)).toBeLessThanOrEqual(Date.now() - 30_000);
});

test('the least loaded wins, and is put in the stash', async () => {
  const outcome = await pick([endpoint('a', 0.7), endpoint('b', 0.2), endpoint('c', 0.5)]);
  expect(outcome.ok && outcome.value).toMatchObject({ id: 'b' });
  expect(outcome.ok && outcome.ctx.stash).toMatchObject({ endpoint: { id: 'b' } });
});

test('a full endpoint is passed over', async () => {
  const full = endpoint('full', 0.1, { sessions: 10 });
  expect(await pick([full, endpoint('ok', 0.9)])).toMatchObject({ ok: true, value: { id: 'ok' } });
});

test('with none left, the seller is told to try again shortly', async () => {
  expect(await pick([endpoint('full', 0, { sessions: 10 })])).toMatchObject({
    ok: false,
    error: { errorType: 'NoEndpointAvailable' },
  });
});
