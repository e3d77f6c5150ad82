/**
 * Unit and pipeline resolvers run as AppSync runs them, with the code loaded the way the server
 * loads bundles: ESM source in its own context. Data sources here record what they are asked.
 */
import type { DataSource } from '../data-sources/data-source';
import { runFieldResolver, type FieldCall, type Step } from './resolver-runner';
import { loadResolverModule } from './sandbox';

const call: FieldCall = {
  authType: 'User Pool Authorization',
  identity: { sub: 'u1', groups: ['sellers'] },
  arguments: { id: 'c1' },
  source: null,
  request: { headers: {}, domainName: null },
  info: {
    fieldName: 'thing',
    parentTypeName: 'Query',
    variables: {},
    selectionSetList: [],
    selectionSetGraphQL: '',
  },
};

/** A data source that answers each request with { echo: request } and remembers the requests. */
function echo(): DataSource & { requests: unknown[] } {
  const requests: unknown[] = [];
  return {
    requests,
    execute: (request) => (requests.push(request), Promise.resolve({ result: { echo: request } })),
  };
}

const step = (name: string, source: string, dataSource: DataSource = echo()): Step => ({
  name,
  module: loadResolverModule(name, source),
  dataSource,
});

test('unit: request -> data source -> response, with ctx.args, ctx.identity and ctx.result', async () => {
  const source = echo();
  const unit = step(
    'unit',
    `import { util } from '@aws-appsync/utils';
     export function request(ctx) { return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }), who: ctx.identity.sub }; }
     export function response(ctx) { return { got: ctx.result.echo.key.id.S, who: ctx.result.echo.who }; }`,
    source,
  );
  expect(await runFieldResolver({ kind: 'UNIT', step: unit }, call)).toMatchObject({
    ok: true,
    value: { got: 'c1', who: 'u1' },
  });
  expect(source.requests).toHaveLength(1);
});

test("ctx.env holds the API's environment variables, a copy per call: a handler cannot change the next call's", async () => {
  const unit = step(
    'env',
    `export function request(ctx) { const seen = ctx.env.GOLIVE_QUOTA_CHANNELS_PER_SELLER; ctx.env.GOLIVE_QUOTA_CHANNELS_PER_SELLER = '999'; return { seen }; }
     export function response(ctx) { return ctx.result.echo.seen; }`,
  );
  const plan = { kind: 'UNIT' as const, step: unit, env: { GOLIVE_QUOTA_CHANNELS_PER_SELLER: '3' } };
  expect(await runFieldResolver(plan, call)).toMatchObject({ ok: true, value: '3' });
  expect(await runFieldResolver(plan, call)).toMatchObject({ ok: true, value: '3' });
  expect(await runFieldResolver({ kind: 'UNIT', step: unit }, call)).toMatchObject({ ok: true, value: null });
});

test('pipeline: stash is shared, ctx.prev.result carries each step, the after-step sees the last', async () => {
  const first = step(
    'first',
    `export function request(ctx) { ctx.stash.seen = ['first']; return {}; } export function response() { return 1; }`,
  );
  const second = step(
    'second',
    `export function request(ctx) { ctx.stash.seen.push('second:' + ctx.prev.result); return {}; } export function response(ctx) { return ctx.prev.result + 1; }`,
  );
  const plan = {
    kind: 'PIPELINE' as const,
    name: 'pipe',
    module: loadResolverModule(
      'pipe',
      `export function request() { return {}; } export function response(ctx) { return { last: ctx.prev.result, seen: ctx.stash.seen }; }`,
    ),
    functions: [first, second],
  };
  expect(await runFieldResolver(plan, call)).toMatchObject({
    ok: true,
    value: { last: 2, seen: ['first', 'second:1'] },
  });
});

test('runtime.earlyReturn: from a unit request skips the data source; skipTo NEXT goes on to the next function', async () => {
  const source = echo();
  const early = step(
    'early',
    `import { runtime } from '@aws-appsync/utils'; export function request() { runtime.earlyReturn({ cached: true }); } export function response() { return 'not reached'; }`,
    source,
  );
  expect(await runFieldResolver({ kind: 'UNIT', step: early }, call)).toMatchObject({
    ok: true,
    value: { cached: true },
  });
  expect(source.requests).toHaveLength(0);

  const skipping = step(
    'skipping',
    `import { runtime } from '@aws-appsync/utils'; export function request() { runtime.earlyReturn(10, { skipTo: 'NEXT' }); } export function response() { return 'not reached'; }`,
  );
  const adding = step(
    'adding',
    `export function request() { return {}; } export function response(ctx) { return ctx.prev.result + 5; }`,
  );
  const ending = step(
    'ending',
    `import { runtime } from '@aws-appsync/utils'; export function request() { runtime.earlyReturn('end'); } export function response() { return 'not reached'; }`,
  );
  const never = step(
    'never',
    `export function request() { throw new Error('must not run'); } export function response() {}`,
  );
  const after = loadResolverModule(
    'after',
    `export function request() { return {}; } export function response(ctx) { return ctx.prev.result; }`,
  );
  expect(
    await runFieldResolver(
      { kind: 'PIPELINE', name: 'p', module: after, functions: [skipping, adding] },
      call,
    ),
  ).toMatchObject({ value: 15 });
  expect(
    await runFieldResolver({ kind: 'PIPELINE', name: 'p', module: after, functions: [ending, never] }, call),
  ).toMatchObject({ value: 'end' });
});

test('util.error ends the field with its error; util.appendError keeps the value and adds the error', async () => {
  const failing = step(
    'failing',
    `import { util } from '@aws-appsync/utils'; export function request() { util.error('No.', 'Refused', { a: 1 }); } export function response() {}`,
  );
  expect(await runFieldResolver({ kind: 'UNIT', step: failing }, call)).toMatchObject({
    ok: false,
    error: { message: 'No.', errorType: 'Refused', data: { a: 1 } },
  });
  const partial = step(
    'partial',
    `import { util } from '@aws-appsync/utils'; export function request() { return {}; } export function response() { util.appendError('Partly.', 'Partial'); return 'value'; }`,
  );
  expect(await runFieldResolver({ kind: 'UNIT', step: partial }, call)).toMatchObject({
    ok: true,
    value: 'value',
    errors: [{ message: 'Partly.', errorType: 'Partial' }],
  });
});

test('a data source error reaches the response handler as ctx.error', async () => {
  const failingSource: DataSource = {
    execute: () => Promise.resolve({ error: { message: 'Boom', type: 'DynamoDB:Oops' } }),
  };
  const unit = step(
    'unit',
    `export function request() { return {}; } export function response(ctx) { return ctx.error; }`,
    failingSource,
  );
  expect(await runFieldResolver({ kind: 'UNIT', step: unit }, call)).toMatchObject({
    value: { message: 'Boom', type: 'DynamoDB:Oops' },
  });
});

test('a bug in resolver code is a Code error naming the handler, not a crash', async () => {
  const buggy = step(
    'buggy',
    `export function request(ctx) { return ctx.args.missing.deeper; } export function response() {}`,
  );
  const outcome = await runFieldResolver({ kind: 'UNIT', step: buggy }, call);
  expect(outcome).toMatchObject({
    ok: false,
    error: { errorType: 'Code', message: expect.stringContaining('buggy.request') as unknown },
  });
});

test('resolver code sees no Node: no require, process, timers or other modules', () => {
  const probe = loadResolverModule(
    'probe',
    `export function request() { return [typeof process, typeof setTimeout, typeof globalThis.fetch, typeof Buffer]; }`,
  );
  expect(probe.request?.({})).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  expect(() =>
    loadResolverModule(
      'bad',
      `import { readFileSync } from 'node:fs'; export function request() { return readFileSync; }`,
    ),
  ).toThrow(/may import only @aws-appsync\/utils/);
  expect(() =>
    loadResolverModule('evil', `export function request() { return eval('1 + 1'); }`).request?.({}),
  ).toThrow(/Code generation from strings disallowed/);
});
