/**
 * A changed email is not an owner's email until it is verified. As in a Cognito user pool that keeps
 * the original value while an update is pending (Amplify's `keepOriginal` for email), the tokens go
 * on carrying the verified address until the code sent to the new one is confirmed; and a channel
 * records its owner's email only from a token that says it is verified. So a seller cannot make
 * admins see another company's address as the owner of their channel.
 */
import { decodeJwt } from 'jose';
import * as op from '@golive/common/api-operations';
import { AUTH_TYPE } from '@golive/common/graphql-client';
import { apolloClient, call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';
import { lastMessageTo } from './outbox';
import { passwordSignIn, refreshedTokens, selfSignUp, unsignedCall } from './testing/public-api';

const api = useApiStack('email-change');

const SELLER = 'eve@seller.example';
const PASSWORD = 'Eve-password-1';
const SOMEONE_ELSE = 'ceo@other-company.example';

async function createChannelAs(idToken: string, name: string): Promise<string> {
  const client = apolloClient(api.stack.info, {
    type: AUTH_TYPE.AMAZON_COGNITO_USER_POOLS,
    jwtToken: idToken,
  });
  const { data, errors } = await call<{ createChannel: { id: string } }>(client, op.CREATE_CHANNEL, { name });
  client.stop();
  expect(errors).toEqual([]);
  return data!.createChannel.id;
}

async function ownerEmailAdminsSee(channelId: string): Promise<string | null | undefined> {
  const { data } = await call<{ channels: { items: { id: string; ownerEmail: string | null }[] } }>(
    api.who.clients.admin,
    op.CHANNELS,
    { limit: 100 },
  );
  return data?.channels.items.find((item) => item.id === channelId)?.ownerEmail;
}

test('a seller who changes their email to another company’s address still shows as their verified one', async () => {
  const { info } = api.stack;
  await selfSignUp(info, SELLER, PASSWORD);
  const signedIn = await passwordSignIn(info, SELLER, PASSWORD);

  const change = await unsignedCall(info, 'UpdateUserAttributes', {
    AccessToken: signedIn.AccessToken,
    UserAttributes: [{ Name: 'email', Value: SOMEONE_ELSE }],
  });
  expect(change.status).toBe(200);
  // The code goes to the new address, which the seller does not read.
  expect(lastMessageTo(info.cognito.outbox, SOMEONE_ELSE)?.code).toMatch(/^\d+$/);

  const after = await refreshedTokens(info, signedIn.RefreshToken);
  const channel = await createChannelAs(after.IdToken, 'Not theirs');
  expect(await ownerEmailAdminsSee(channel)).toBe(SELLER);
  expect(decodeJwt(after.IdToken)).toMatchObject({ email: SELLER, email_verified: true });

  // The same person may sign in with the address they verified, as before.
  expect(decodeJwt((await passwordSignIn(info, SELLER, PASSWORD)).IdToken).email).toBe(SELLER);
});

test('once the code sent to the new address is entered, the new address is the verified one', async () => {
  const { info } = api.stack;
  const email = 'moving@seller.example';
  const moved = 'moved@seller.example';
  await selfSignUp(info, email, PASSWORD);
  const signedIn = await passwordSignIn(info, email, PASSWORD);
  await unsignedCall(info, 'UpdateUserAttributes', {
    AccessToken: signedIn.AccessToken,
    UserAttributes: [{ Name: 'email', Value: moved }],
  });
  const code = lastMessageTo(info.cognito.outbox, moved)?.code;
  const verify = await unsignedCall(info, 'VerifyUserAttribute', {
    AccessToken: signedIn.AccessToken,
    AttributeName: 'email',
    Code: code,
  });
  expect(verify.status).toBe(200);

  const after = await refreshedTokens(info, signedIn.RefreshToken);
  expect(decodeJwt(after.IdToken)).toMatchObject({ email: moved, email_verified: true });
  expect(await ownerEmailAdminsSee(await createChannelAs(after.IdToken, 'Moved'))).toBe(moved);
});
