/** Who may act on a channel: its owner; an admin where the field allows; services for service fields. */
import { ADMIN, OTHER_SELLER, resolverModule, runHandler, SELLER } from '../testing/run-handler';

const channel = { id: 'ch1', owner: SELLER.sub, name: 'Mine' };

test.each([
  ['owner', SELLER, 'owner', true],
  ['owner', OTHER_SELLER, 'another seller', false],
  ['owner', ADMIN, 'an admin', false],
  ['ownerOrAdmin', SELLER, 'owner', true],
  ['ownerOrAdmin', ADMIN, 'an admin', true],
  ['ownerOrAdmin', OTHER_SELLER, 'another seller', false],
])('with access %s, %s (%s) is allowed: %p', async (access, identity, _who, allowed) => {
  const outcome = runHandler(
    await resolverModule('functions/getChannel'),
    'response',
    { identity, stash: { access }, result: channel },
    'Mutation.deleteChannel',
  );
  if (allowed) expect(outcome.ok && outcome.ctx.stash).toMatchObject({ channel });
  else
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        errorType: 'Unauthorized',
        message: 'Not Authorized to access deleteChannel on type Mutation',
      },
    });
});

test('service access skips ownership (the schema admits only IAM there)', async () => {
  const outcome = runHandler(await resolverModule('functions/getChannel'), 'response', {
    identity: { accountId: '000000000000' },
    authType: 'IAM Authorization',
    stash: { access: 'service' },
    result: channel,
  });
  expect(outcome.ok).toBe(true);
});

test('a missing channel is NotFound', async () => {
  expect(
    runHandler(await resolverModule('functions/getChannel'), 'response', {
      stash: { access: 'owner' },
      result: null,
    }),
  ).toMatchObject({
    ok: false,
    error: { errorType: 'NotFound', message: 'Channel not found.' },
  });
});
