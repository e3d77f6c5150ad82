/**
 * Turns request headers into a Caller, checking each mode for real: API keys against the key list
 * and their expiry, Cognito JWTs against the user pool's JWKS (signature, issuer, client, expiry,
 * token use), and IAM requests by recomputing their SigV4 signature.
 */
import { CognitoTokenError, verifyCognitoToken } from '@golive/common/cognito-token';
import { createRemoteJWKSet } from 'jose';
import { verifySigV4, type SigV4Credentials } from '../../aws/sigv4';
import { AuthError, NO_VALID_AUTH, NOT_AUTHORIZED_CALL } from './auth-error';
import type { ApiKey } from './api-keys';
import type { Caller } from './caller';

export interface AuthConfig {
  region: string;
  apiKeys: () => ApiKey[];
  cognito: { issuer: string; jwksUrl: string; clientIds: string[] };
  iam: { credentials: SigV4Credentials; accountId: string };
}

/** A request as auth sees it: headers (lower-case names), and for IAM the exact path and body signed. */
export interface AuthRequest {
  headers: Record<string, string | undefined>;
  method: string;
  path: string;
  body: string;
}

export type Authenticator = (request: AuthRequest) => Promise<Caller>;

export function createAuthenticator(config: AuthConfig): Authenticator {
  const jwks = createRemoteJWKSet(new URL(config.cognito.jwksUrl));

  async function cognito(token: string): Promise<Caller> {
    let payload: Awaited<ReturnType<typeof verifyCognitoToken>>;
    try {
      payload = await verifyCognitoToken(token.replace(/^Bearer /i, ''), {
        keys: jwks,
        issuer: config.cognito.issuer,
        clientIds: config.cognito.clientIds,
      });
    } catch (error) {
      if (error instanceof CognitoTokenError && error.expired)
        throw new AuthError(401, 'UnauthorizedException', 'Token has expired.');
      throw new AuthError(401, 'UnauthorizedException', NO_VALID_AUTH);
    }
    const username = [payload['cognito:username'], payload.username, payload.sub].find(
      (value) => typeof value === 'string',
    ) as string;
    const groups = payload['cognito:groups'];
    return {
      mode: 'AMAZON_COGNITO_USER_POOLS',
      sub: payload.sub,
      username,
      groups: Array.isArray(groups) ? groups.map(String) : [],
      issuer: config.cognito.issuer,
      claims: payload,
    };
  }

  function apiKey(id: string): Caller {
    const key = config.apiKeys().find((candidate) => candidate.id === id);
    if (!key || key.expires * 1000 <= Date.now())
      throw new AuthError(401, 'UnauthorizedException', NOT_AUTHORIZED_CALL);
    return { mode: 'API_KEY', apiKeyId: key.id };
  }

  async function iam(request: AuthRequest): Promise<Caller> {
    const result = await verifySigV4(
      { method: request.method, path: request.path, headers: request.headers, body: request.body },
      { credentials: config.iam.credentials, region: config.region, service: 'appsync' },
    );
    if (!result.ok) throw new AuthError(403, result.errorType, result.message);
    return {
      mode: 'AWS_IAM',
      accessKeyId: result.accessKeyId,
      accountId: config.iam.accountId,
      userArn: `arn:aws:iam::${config.iam.accountId}:user/local-service`,
    };
  }

  return async (request) => {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('AWS4-HMAC-SHA256')) return iam(request);
    if (authorization) return cognito(authorization);
    const key = request.headers['x-api-key'];
    if (key) return apiKey(key);
    throw new AuthError(401, 'UnauthorizedException', NO_VALID_AUTH);
  };
}
