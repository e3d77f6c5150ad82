/** Input rules, as createChannel and the listing queries apply them. */
import { ADMIN, resolverModule, runHandler } from '../testing/run-handler';

test.each([
  ['  Morning market  ', 'Morning market'],
  ['Café 🌸 live', 'Café 🌸 live'],
  ['x'.repeat(64), 'x'.repeat(64)],
])('a channel name %p is kept as %p (trimmed)', async (name, kept) => {
  const outcome = runHandler(await resolverModule('Mutation/createChannel'), 'request', { args: { name } });
  expect(outcome.ok && outcome.ctx.stash).toMatchObject({ name: kept });
});

test.each([
  ['empty', ''],
  ['blank', '   '],
  ['65 characters', 'x'.repeat(65)],
  ['a newline', 'two\nlines'],
  ['markup', '<b>bold</b>'],
])('a channel name that is %s is a ValidationError', async (_case, name) => {
  const outcome = runHandler(await resolverModule('Mutation/createChannel'), 'request', { args: { name } });
  expect(outcome).toMatchObject({
    ok: false,
    error: { errorType: 'ValidationError', message: expect.stringMatching(/^name /) as unknown },
  });
});

test.each([
  [undefined, 20],
  [1, 1],
  [100, 100],
])('a page size of %p asks DynamoDB for %p items', async (limit, expected) => {
  const outcome = runHandler(await resolverModule('Query/liveChannels'), 'request', { args: { limit } });
  expect(outcome.ok && (outcome.value as { limit: number }).limit).toBe(expected);
});

test.each([0, 101, -5])('a page size of %p is a ValidationError', async (limit) => {
  expect(runHandler(await resolverModule('Query/myChannels'), 'request', { args: { limit } })).toMatchObject({
    ok: false,
    error: { errorType: 'ValidationError' },
  });
});

test.each(['a b', '../x', 'x'.repeat(201), ''])('the id %p is not accepted', async (id) => {
  expect(runHandler(await resolverModule('Query/channel'), 'request', { args: { id } })).toMatchObject({
    ok: false,
    error: { errorType: 'ValidationError', message: 'id is not a valid identifier.' },
  });
});

test.each([
  ['empty', ''],
  ['501 characters', 'x'.repeat(501)],
  ['a control character', 'spam\u0007'],
])('a suspension reason that is %s is a ValidationError', async (_case, reason) => {
  const outcome = runHandler(
    await resolverModule('Mutation/suspendSeller'),
    'request',
    { args: { userId: 'seller-1', reason }, identity: ADMIN },
    'Mutation.suspendSeller',
  );
  expect(outcome).toMatchObject({
    ok: false,
    error: { errorType: 'ValidationError', message: expect.stringMatching(/^reason /) as unknown },
  });
});
