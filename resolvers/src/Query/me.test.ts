/** Query.me answers from the caller's token. */
import { resolverModule, runHandler, SELLER } from '../testing/run-handler';

test('a signed-in user gets their id, email and groups', async () => {
  const outcome = runHandler(await resolverModule('Query/me'), 'request', { identity: SELLER });
  expect(outcome.ok && outcome.value).toEqual({
    payload: { id: 'seller-1', email: 'seller@example.com', groups: ['sellers'] },
  });
});

test('an API key caller is refused even if the schema were to let it through', async () => {
  expect(
    runHandler(
      await resolverModule('Query/me'),
      'request',
      { identity: null, authType: 'API Key Authorization' },
      'Query.me',
    ),
  ).toMatchObject({
    ok: false,
    error: { errorType: 'Unauthorized' },
  });
});
