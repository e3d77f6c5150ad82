/**
 * The seller verify signs in as: made with admin rights for this run only (a confirmed user in
 * `sellers`, with a random password that only this process ever holds), and deleted at the end.
 * No email goes out (MessageAction SUPPRESS), so verify costs nothing from the pool's email quota.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import type { Group } from '@golive/common/user-groups';
import { isAwsError } from '../aws-errors';

/** Every temporary seller's address starts so; an operator can tell them from real people. */
export const TEMPORARY_SELLER_PREFIX = 'golive-verify-';

const SELLERS: Group = 'sellers';

export interface TemporarySeller {
  email: string;
  password: string;
}

export function newTemporarySeller(): TemporarySeller {
  return {
    email: `${TEMPORARY_SELLER_PREFIX}${randomBytes(6).toString('hex')}@example.com`,
    // Meets any Cognito password policy (all four kinds of character, long).
    password: `${randomBytes(24).toString('base64url')}aA1!`,
  };
}

/**
 * Whether the pool may now hold the seller: yes once AdminCreateUser answered; no when it was
 * refused (no credentials, a 4xx); maybe when the call timed out or the network failed.
 */
export type SellerExists = 'no' | 'maybe' | 'yes';

function refusedOutright(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  return (error as Error).name === 'CredentialsProviderError' || (status >= 400 && status < 500);
}

export async function createTemporarySeller(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  seller: TemporarySeller,
  signal: AbortSignal,
  exists: (state: SellerExists) => void,
): Promise<void> {
  const Username = seller.email;
  exists('maybe');
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: seller.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if (refusedOutright(error)) exists('no');
    throw error;
  }
  exists('yes');
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username,
      Password: seller.password,
      Permanent: true,
    }),
    { abortSignal: signal },
  );
  await cognito.send(
    new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username, GroupName: SELLERS }),
    { abortSignal: signal },
  );
}

/** Deletes the seller; one that was never created (or is gone already) is fine. */
export async function deleteTemporarySeller(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  seller: TemporarySeller,
  signal: AbortSignal,
): Promise<void> {
  try {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: seller.email }), {
      abortSignal: signal,
    });
  } catch (error) {
    if (!isAwsError(error, UserNotFoundException)) throw error;
  }
}
