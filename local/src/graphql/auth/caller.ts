/** Who made a request, once authenticated: one of AppSync's three auth modes used here. */
import type { AuthType } from '../runtime/invocation';

export type AuthMode = 'AMAZON_COGNITO_USER_POOLS' | 'API_KEY' | 'AWS_IAM';

export type Caller =
  | { mode: 'API_KEY'; apiKeyId: string }
  | {
      mode: 'AMAZON_COGNITO_USER_POOLS';
      sub: string;
      username: string;
      groups: string[];
      issuer: string;
      claims: Record<string, unknown>;
    }
  | { mode: 'AWS_IAM'; accessKeyId: string; accountId: string; userArn: string };

export const AUTH_TYPES: Record<AuthMode, AuthType> = {
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  API_KEY: 'API Key Authorization',
  AWS_IAM: 'IAM Authorization',
};

/** ctx.identity as AppSync builds it for each mode (null for API keys). */
export function identityOf(caller: Caller, sourceIp: string): unknown {
  switch (caller.mode) {
    case 'API_KEY':
      return null;
    case 'AMAZON_COGNITO_USER_POOLS':
      return {
        sub: caller.sub,
        issuer: caller.issuer,
        username: caller.username,
        claims: caller.claims,
        sourceIp: [sourceIp],
        defaultAuthStrategy: 'ALLOW',
        groups: caller.groups.length ? caller.groups : null,
      };
    case 'AWS_IAM':
      return {
        accountId: caller.accountId,
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: [sourceIp],
        username: caller.accessKeyId,
        userArn: caller.userArn,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      };
  }
}
