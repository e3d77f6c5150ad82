/**
 * A Cognito user-pool token checked as AppSync checks it: signature against the pool's JWKS,
 * issuer, expiry, token use (id or access) and app client (`aud` in ID tokens, `client_id` in access
 * tokens). The local API's Cognito auth mode and transwrap's `hello` both use this one check.
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export class CognitoTokenError extends Error {
  override name = 'CognitoTokenError';
  constructor(readonly expired: boolean) {
    super(expired ? 'Token has expired.' : 'Not a valid token of this user pool and app client.');
  }
}

export async function verifyCognitoToken(
  token: string,
  pool: { keys: JWTVerifyGetKey; issuer: string; clientIds: readonly string[] },
): Promise<JWTPayload & { sub: string }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, pool.keys, { issuer: pool.issuer }));
  } catch (error) {
    throw new CognitoTokenError(error instanceof errors.JWTExpired);
  }
  const client = payload.token_use === 'id' ? payload.aud : payload.client_id;
  if (
    (payload.token_use !== 'id' && payload.token_use !== 'access') ||
    typeof client !== 'string' ||
    !pool.clientIds.includes(client) ||
    typeof payload.sub !== 'string'
  )
    throw new CognitoTokenError(false);
  return payload as JWTPayload & { sub: string };
}
