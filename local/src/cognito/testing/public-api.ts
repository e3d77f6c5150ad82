/**
 * Cognito's JSON protocol spoken by hand, unsigned, as a browser page or an attacker's script
 * speaks it; and self sign-up the way a person does it (the code read from the local outbox).
 */
import type { LocalStackInfo } from '../../stack-info';
import { lastMessageTo } from '../outbox';

export interface CognitoAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function unsignedCall(
  info: LocalStackInfo,
  target: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<CognitoAnswer> {
  const response = await fetch(info.cognito.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

async function expectOk(answer: Promise<CognitoAnswer>, what: string): Promise<Record<string, unknown>> {
  const { status, body } = await answer;
  if (status !== 200) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

/** SignUp, then ConfirmSignUp with the code Cognito "sent": a confirmed self sign-up (so a seller). */
export async function selfSignUp(info: LocalStackInfo, email: string, password: string): Promise<void> {
  const ClientId = info.cognito.clientId;
  await expectOk(unsignedCall(info, 'SignUp', { ClientId, Username: email, Password: password }), 'SignUp');
  const ConfirmationCode = lastMessageTo(info.cognito.outbox, email)?.code;
  await expectOk(
    unsignedCall(info, 'ConfirmSignUp', { ClientId, Username: email, ConfirmationCode }),
    'ConfirmSignUp',
  );
}

export interface SignedInTokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken: string;
}

export async function passwordSignIn(
  info: LocalStackInfo,
  email: string,
  password: string,
): Promise<SignedInTokens> {
  const body = await expectOk(
    unsignedCall(info, 'InitiateAuth', {
      ClientId: info.cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
    'InitiateAuth',
  );
  return body.AuthenticationResult as SignedInTokens;
}

/** New ID and access tokens for a refresh token, as the app gets them when its tokens expire. */
export async function refreshedTokens(info: LocalStackInfo, refreshToken: string): Promise<SignedInTokens> {
  const body = await expectOk(
    unsignedCall(info, 'InitiateAuth', {
      ClientId: info.cognito.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
    'InitiateAuth (refresh)',
  );
  return body.AuthenticationResult as SignedInTokens;
}
