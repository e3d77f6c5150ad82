/**
 * What a seller may use (the deployment's quotas, read from ctx.env) and how their live time is
 * counted. The API tests (local/src/graphql/quotas.test.ts) show the same against a running stack.
 */
import { resolverModule, runHandler, SELLER } from '../testing/run-handler';

const month = new Date().toISOString().slice(0, 7);
const nextMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
};
const channel = { id: 'ch1', owner: 'seller-1' };

async function check(seller: unknown, env: Record<string, string> = {}) {
  return runHandler(await resolverModule('functions/checkBroadcastQuotas'), 'request', {
    stash: { channel, seller },
    env,
  });
}

describe('before a broadcast starts', () => {
  test('a suspended seller is refused with SellerSuspended, and told why', async () => {
    expect(
      await check({ id: 'seller-1', suspension: 'SUSPENDED', suspendedReason: 'Spam streams' }),
    ).toMatchObject({
      ok: false,
      error: {
        errorType: 'SellerSuspended',
        message: expect.stringContaining('suspended: Spam streams.') as unknown,
      },
    });
  });

  test('a seller who used the month’s live hours is refused until the next month begins', async () => {
    const outcome = await check(
      { id: 'seller-1', [`liveSeconds:${month}`]: 3 * 3600 },
      {
        GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH: '3',
      },
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        errorType: 'QuotaExceeded',
        message: `A seller may be live 3 hours per calendar month (UTC), and you have been live 3 hours this month. The allowance resets at ${nextMonth()}.`,
        errorInfo: { quota: 'liveHoursPerMonth', limit: 3, resetsAt: nextMonth() },
      },
    });
  });

  test('last month’s hours do not count, and the default allows 100 hours', async () => {
    const outcome = await check({
      id: 'seller-1',
      'liveSeconds:2000-01': 1000 * 3600,
      [`liveSeconds:${month}`]: 99 * 3600,
    });
    expect(outcome).toMatchObject({ ok: true, value: { operation: 'Query', index: 'byOwner' } });
  });

  const now = Date.now();
  const other = (id: string, status: string, agoMs: number) => ({
    id,
    status,
    statusAt: new Date(now - agoMs).toISOString(),
  });
  const onAir = async (items: unknown[], env: Record<string, string> = {}) =>
    runHandler(await resolverModule('functions/checkBroadcastQuotas'), 'response', {
      stash: { channel },
      result: { items },
      env,
    });

  test('the seller’s other channels on air count against the concurrent broadcasts (2 by default)', async () => {
    expect(await onAir([other('a', 'LIVE', 3_600_000)])).toMatchObject({ ok: true });
    expect(await onAir([other('a', 'LIVE', 3_600_000), other('b', 'CONNECTING', 1000)])).toMatchObject({
      ok: false,
      error: {
        errorType: 'QuotaExceeded',
        message: 'A seller may have 2 broadcasts on air at once, and you have 2. End one to start another.',
        errorInfo: { quota: 'liveBroadcastsPerSeller', limit: 2 },
      },
    });
  });

  test('a CONNECTING or INTERRUPTED channel not heard of for 5 minutes (its transwrap died) no longer counts', async () => {
    const stuck = [other('a', 'CONNECTING', 6 * 60_000), other('b', 'INTERRUPTED', 6 * 60_000)];
    expect(await onAir(stuck, { GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER: '1' })).toMatchObject({ ok: true });
  });
});

describe('live time, counted when a broadcast leaves LIVE', () => {
  const record = async (before: unknown, after: unknown, at: string, applied = true) =>
    runHandler(await resolverModule('functions/recordLiveTime'), 'request', {
      args: { input: { status: (after as { status: string }).status, at } },
      stash: { channel: before, statusApplied: applied },
      prev: { result: after },
      identity: SELLER,
    });
  const live = { ...channel, status: 'LIVE', liveSince: '2026-03-31T23:30:00.000Z' };

  test('LIVE to OFFLINE adds the seconds since liveSince to the owner’s month of the report', async () => {
    const outcome = await record(live, { ...live, status: 'OFFLINE' }, '2026-04-01T00:15:00.000Z');
    const request = (outcome.ok ? outcome.value : {}) as {
      key: unknown;
      update: {
        expression: string;
        expressionNames: Record<string, string>;
        expressionValues: Record<string, unknown>;
      };
    };
    expect(request.key).toEqual({ id: { S: 'seller-1' } });
    expect(request.update.expression).toBe('ADD #month :seconds');
    expect(Object.values(request.update.expressionNames)).toEqual(['liveSeconds:2026-04']);
    expect(Object.values(request.update.expressionValues)).toEqual([{ N: '2700' }]);
  });

  test.each([
    ['a report that was not applied (older than the last)', live, { ...live, status: 'OFFLINE' }, false],
    ['a repeated LIVE', live, live, true],
    [
      'CONNECTING to OFFLINE (never on air at IVS)',
      { ...channel, status: 'CONNECTING' },
      { ...channel, status: 'OFFLINE' },
      true,
    ],
  ])('%s counts nothing', async (_case, before, after, applied) => {
    const outcome = await record(before, after, '2026-04-01T00:15:00.000Z', applied);
    expect(outcome).toMatchObject({ ok: true, value: after, skipTo: 'NEXT' });
  });
});
