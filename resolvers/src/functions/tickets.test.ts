/**
 * Tickets: unguessable, short-lived, redeemable once at the front door they name: the endpoint
 * they were issued for, or one sharing its url (tasks behind one load balancer).
 */
import { resolverModule, runHandler, TICKET_REFUSED } from '../testing/run-handler';

const stash = {
  channel: { id: 'ch1', owner: 'seller-1' },
  endpoint: { id: 'tw-1', url: 'wss://tw-1.example/ingest' },
};

test('putTicket writes a 64-hex-character token for the endpoint and its url, stamped with its issue time, that expires in 60 s, only if new', async () => {
  // Bundled first: bundling can take seconds on a busy machine, and the clock is read after it.
  const putTicket = await resolverModule('functions/putTicket');
  const issuedFrom = Date.now();
  const before = Math.floor(issuedFrom / 1000);
  const outcome = runHandler(putTicket, 'request', { stash });
  const request = (outcome.ok ? outcome.value : {}) as {
    key: { token: { S: string } };
    attributeValues: Record<string, { S?: string; N?: string }>;
    condition: { expression: string };
  };
  expect(request.key.token.S).toMatch(/^[0-9a-f]{64}$/);
  const expires = Number(request.attributeValues.expiresAtEpoch?.N);
  expect(expires - before).toBeGreaterThanOrEqual(59);
  expect(expires - before).toBeLessThanOrEqual(61);
  const issuedAtMs = Number(request.attributeValues.issuedAtMs?.N);
  expect(issuedAtMs).toBeGreaterThanOrEqual(issuedFrom);
  expect(issuedAtMs).toBeLessThanOrEqual(Date.now());
  expect(request.attributeValues).toMatchObject({
    channelId: { S: 'ch1' },
    owner: { S: 'seller-1' },
    endpointId: { S: 'tw-1' },
    endpointUrl: { S: 'wss://tw-1.example/ingest' },
  });
  expect(request.condition.expression).toMatch(/^attribute_not_exists\(/);
  const again = runHandler(putTicket, 'request', { stash });
  if (!again.ok) throw new Error('putTicket failed the second time');
  expect((again.value as typeof request).key.token.S).not.toBe(request.key.token.S);
});

test('putTicket answers with where to connect, the ticket and the expiry, nothing more', async () => {
  const result = {
    token: 't'.repeat(64),
    expiresAt: '2026-01-01T00:01:00.000Z',
    channelId: 'ch1',
    owner: 'seller-1',
    endpointId: 'tw-1',
  };
  const outcome = runHandler(await resolverModule('functions/putTicket'), 'response', { stash, result });
  expect(outcome.ok && outcome.value).toEqual({
    url: stash.endpoint.url,
    ticket: result.token,
    expiresAt: result.expiresAt,
    endpoint: stash.endpoint,
  });
});

const claim = { ticket: 'abc', endpointId: 'tw-2' };
const claimingEndpoint = { id: 'tw-2', url: 'wss://front.example/ingest' };

test('redeemTicket marks the ticket used in one conditional write: exists, unused, unexpired, at its front door', async () => {
  const before = Math.floor(Date.now() / 1000);
  const outcome = runHandler(await resolverModule('functions/redeemTicket'), 'request', {
    args: claim,
    stash: { claimingEndpoint },
  });
  const request = (outcome.ok ? outcome.value : {}) as {
    operation: string;
    key: Record<string, unknown>;
    update: { expression: string };
    condition: { expression: string; expressionValues: Record<string, { S?: string; N?: string }> };
  };
  expect(request.operation).toBe('UpdateItem');
  expect(request.key).toEqual({ token: { S: 'abc' } });
  expect(request.update.expression).toBe('SET usedAt = :usedAt');
  // The parentheses matter: without them, any claim at the ticket's url would pass, used or expired.
  expect(request.condition.expression).toBe(
    'attribute_exists(#token) AND attribute_not_exists(usedAt) AND expiresAtEpoch > :now AND (endpointId = :endpointId OR endpointUrl = :url)',
  );
  expect(request.condition.expressionValues).toMatchObject({
    ':endpointId': { S: 'tw-2' },
    ':url': { S: 'wss://front.example/ingest' },
  });
  expect(Number(request.condition.expressionValues[':now']?.N)).toBeGreaterThanOrEqual(before);
});

test('a failed condition is InvalidTicket, with one message whatever the reason', async () => {
  const outcome = runHandler(await resolverModule('functions/redeemTicket'), 'response', {
    error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' },
  });
  expect(outcome).toEqual(TICKET_REFUSED);
});

test('a redeemed ticket leads the pipeline to its channel, as a service', async () => {
  const ticket = { token: 'abc', channelId: 'ch9', issuedAtMs: 1_000 };
  const outcome = runHandler(await resolverModule('functions/redeemTicket'), 'response', { result: ticket });
  expect(outcome.ok && outcome.ctx.stash).toEqual({ ticket, channelId: 'ch9', access: 'service' });
});

describe('a stop revokes the tickets issued before it', () => {
  const issuedAtMs = Date.parse('2026-11-25T12:00:00.000Z');
  const revoked = async (stopRequestedAtMs?: number) =>
    runHandler(await resolverModule('functions/refuseRevokedTicket'), 'request', {
      stash: { ticket: { token: 'abc', issuedAtMs }, channel: { id: 'ch1', stopRequestedAtMs } },
    });
  const STOPPED = {
    ok: false,
    error: expect.objectContaining({
      errorType: 'BroadcastStopped',
      message: 'The broadcast was stopped after this ticket was issued.',
    }) as unknown,
  };

  test.each([
    ['stopped after it was issued', issuedAtMs + 1],
    ['stopped the same millisecond', issuedAtMs],
  ])('%s: refused as stopped', async (_, stopRequestedAtMs) => {
    expect(await revoked(stopRequestedAtMs)).toEqual(STOPPED);
  });

  test.each([
    ['stopped before it was issued', issuedAtMs - 1],
    ['never stopped', undefined],
  ])('%s: the claim goes on', async (_, stopRequestedAtMs) => {
    expect(await revoked(stopRequestedAtMs)).toMatchObject({ ok: true, value: { payload: null } });
  });
});

test("the claim answers with the ticket's issue time, the `since` transwrap asks broadcastStopped about", async () => {
  const outcome = runHandler(await resolverModule('functions/readIngest'), 'response', {
    stash: {
      channel: { id: 'ch1', owner: 'seller-1' },
      ticket: { token: 'abc', issuedAtMs: Date.parse('2026-11-25T12:00:00.123Z') },
    },
    result: { ingestUrl: 'rtmps://ingest.example:443/app/', streamKey: 'sk_x' },
  });
  expect(outcome.ok && outcome.value).toEqual({
    channelId: 'ch1',
    owner: 'seller-1',
    ingestUrl: 'rtmps://ingest.example:443/app/',
    streamKey: 'sk_x',
    ticketIssuedAt: '2026-11-25T12:00:00.123Z',
  });
});
