/** Status reports name the channel by id (transwrap) or by IVS ARN (EventBridge), and are applied in order. */
import { resolverModule, runHandler } from '../testing/run-handler';

test.each([
  [{ channelId: 'AbC123def456' }, 'AbC123def456'],
  [{ channelArn: 'arn:aws:ivs:us-west-2:123456789012:channel/AbC123def456' }, 'AbC123def456'],
])('%p is channel %p', async (input, id) => {
  const outcome = runHandler(await resolverModule('Mutation/reportStreamStatus'), 'request', {
    args: { input },
  });
  expect(outcome.ok && outcome.ctx.stash).toEqual({ channelId: id, access: 'service' });
});

test.each([
  ['both', { channelId: 'a', channelArn: 'arn:aws:ivs:us-west-2:123456789012:channel/a' }],
  ['neither', {}],
  ['another service', { channelArn: 'arn:aws:s3:us-west-2:123456789012:channel/a' }],
  ['a stream key', { channelArn: 'arn:aws:ivs:us-west-2:123456789012:stream-key/a' }],
])('%s is a ValidationError', async (_case, input) => {
  expect(
    runHandler(await resolverModule('Mutation/reportStreamStatus'), 'request', { args: { input } }),
  ).toMatchObject({
    ok: false,
    error: { errorType: 'ValidationError' },
  });
});

const at = '2026-11-24T10:00:00.000+01:00';
const channel = { id: 'ch1', status: 'OFFLINE' };

test('LIVE after not being live starts the clock; the condition refuses reports a second or more older (stream-status-order.test plays the rest)', async () => {
  const outcome = runHandler(await resolverModule('functions/applyStreamStatus'), 'request', {
    args: { input: { status: 'LIVE', health: 'HEALTHY', at } },
    stash: { channel },
  });
  const request = (outcome.ok ? outcome.value : {}) as {
    update: { expression: string; expressionValues: Record<string, unknown> };
    condition: { expression: string; expressionValues: Record<string, unknown> };
  };
  expect(request.update.expression).toContain('liveSince = :at');
  expect(request.update.expressionValues[':at']).toEqual({ S: '2026-11-24T09:00:00.000Z' }); // normalised to UTC
  expect(request.condition.expression).toContain('statusAtMs < :staleBefore');
  // A report in the same second as the last one is not stale: EventBridge times have whole seconds.
  expect(request.condition).toMatchObject({
    expressionValues: { ':staleBefore': { N: String(Date.parse(at) + 1000) } },
  });
});

test('a repeated LIVE keeps the broadcast start', async () => {
  const outcome = runHandler(await resolverModule('functions/applyStreamStatus'), 'request', {
    args: { input: { status: 'LIVE', at } },
    stash: { channel: { ...channel, status: 'LIVE' } },
  });
  // The handler must succeed: a failure has no request to look into, and must not pass.
  expect(outcome.ok).toBe(true);
  expect(JSON.stringify(outcome.ok && outcome.value)).not.toContain('liveSince');
});

test('a report older than the last one applied returns the channel unchanged, without an error', async () => {
  const outcome = runHandler(await resolverModule('functions/applyStreamStatus'), 'response', {
    stash: { channel },
    error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'failed' },
  });
  expect(outcome).toMatchObject({ ok: true, value: channel });
});

test("IVS's end of a stream does not apply while a new broadcast of the channel is connecting; transwrap's OFFLINE does", async () => {
  const module = await resolverModule('functions/applyStreamStatus');
  const conditionOf = (input: Record<string, unknown>) => {
    const outcome = runHandler(module, 'request', {
      args: { input: { status: 'OFFLINE', at, ...input } },
      stash: { channel: { ...channel, status: 'CONNECTING' } },
    });
    expect(outcome.ok).toBe(true);
    return (outcome.ok ? outcome.value : {}) as { condition: { expression: string } };
  };
  const fromIvs = conditionOf({ channelArn: 'arn:aws:ivs:us-west-2:123456789012:channel/ch1' });
  expect(fromIvs.condition).toMatchObject({
    expressionNames: { '#status': 'status' },
    expressionValues: { ':connecting': { S: 'CONNECTING' } },
  });
  expect(fromIvs.condition.expression).toContain('#status <> :connecting');
  expect(conditionOf({ channelId: 'ch1' }).condition.expression).not.toContain(':connecting');
});
