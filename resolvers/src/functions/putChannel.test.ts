/**
 * A new channel's owner email (what admins see) comes only from a token that says the address is
 * verified: an ID token with `email_verified: true`. An unverified or missing one records none.
 */
import { resolverModule, runHandler } from '../testing/run-handler';

const CREATED_IN_IVS = {
  id: 'ch1',
  arn: 'arn:aws:ivs:us-east-1:000000000000:channel/ch1',
  playbackUrl: 'https://example.com/ch1.m3u8',
};

async function recordedOwnerEmail(claims: Record<string, unknown>): Promise<unknown> {
  const outcome = runHandler(
    await resolverModule('functions/putChannel'),
    'request',
    {
      identity: { sub: 'seller-1', groups: ['sellers'], claims },
      stash: { name: 'Mine' },
      prev: { result: CREATED_IN_IVS },
    },
    'Mutation.createChannel',
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  const request = outcome.value as { attributeValues: Record<string, { S?: string }> };
  expect(request.attributeValues.owner).toEqual({ S: 'seller-1' });
  return request.attributeValues.ownerEmail;
}

test('an ID token with a verified email records it', async () => {
  expect(
    await recordedOwnerEmail({ token_use: 'id', email: 'seller@example.com', email_verified: true }),
  ).toEqual({ S: 'seller@example.com' });
});

test.each([
  ['says it is not verified', { token_use: 'id', email: 'ceo@other.example', email_verified: false }],
  ['does not say it is verified', { token_use: 'id', email: 'ceo@other.example' }],
  [
    'says so as a string other than "true"',
    { token_use: 'id', email: 'ceo@other.example', email_verified: 'yes' },
  ],
  ['is an access token (no email at all)', { token_use: 'access', client_id: 'app' }],
])('a token that %s records no owner email', async (_case, claims) => {
  expect(await recordedOwnerEmail(claims)).toBeUndefined();
});
