/**
 * The Cognito user pools calls the app makes, over Cognito's own JSON protocol (POST with an
 * X-Amz-Target header; no credentials needed for these). A few lines instead of the AWS SDK's
 * Cognito client keep the sign-in page's JavaScript small; the same calls work against AWS and
 * the local stack.
 */
import { jwtClaims } from './jwt-claims';

export class CognitoError extends Error {
  override name = 'CognitoError';
  constructor(
    /** Cognito's exception name, e.g. NotAuthorizedException, UserNotConfirmedException. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** When the ID and access tokens expire (ms since the epoch). */
  expiresAt: number;
}

interface AuthenticationResult {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn?: number;
}

export class CognitoApi {
  constructor(
    private readonly endpoint: string,
    private readonly clientId: string,
  ) {}

  private async call<T>(target: string, body: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
        },
        body: JSON.stringify(target === 'GlobalSignOut' ? body : { ClientId: this.clientId, ...body }),
      });
    } catch {
      throw new CognitoError('NetworkError', 'Cannot reach the sign-in service. Check your connection.');
    }
    const text = await response.text();
    const json = (text ? JSON.parse(text) : {}) as {
      __type?: string;
      code?: string;
      message?: string;
      Message?: string;
    };
    if (!response.ok) {
      const type = (json.__type ?? json.code ?? 'UnknownError').split('#').pop()!;
      throw new CognitoError(type, json.message ?? json.Message ?? `${target} failed`);
    }
    return json as T;
  }

  async signUp(email: string, password: string): Promise<{ confirmed: boolean }> {
    const result = await this.call<{ UserConfirmed?: boolean }>('SignUp', {
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    });
    return { confirmed: result.UserConfirmed === true };
  }

  async confirmSignUp(email: string, code: string): Promise<void> {
    await this.call('ConfirmSignUp', { Username: email, ConfirmationCode: code });
  }

  async resendCode(email: string): Promise<void> {
    await this.call('ResendConfirmationCode', { Username: email });
  }

  async signIn(email: string, password: string): Promise<Tokens> {
    const { AuthenticationResult: result } = await this.call<{ AuthenticationResult?: AuthenticationResult }>(
      'InitiateAuth',
      { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } },
    );
    if (!result)
      throw new CognitoError(
        'ChallengeNotSupported',
        'This account needs a sign-in step the app does not support.',
      );
    return tokensFrom(result, result.RefreshToken ?? '');
  }

  async refresh(refreshToken: string): Promise<Tokens> {
    const { AuthenticationResult: result } = await this.call<{ AuthenticationResult: AuthenticationResult }>(
      'InitiateAuth',
      { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } },
    );
    // Cognito does not rotate the refresh token unless rotation is on; keep the one we have.
    return tokensFrom(result, result.RefreshToken ?? refreshToken);
  }

  async forgotPassword(email: string): Promise<void> {
    await this.call('ForgotPassword', { Username: email });
  }

  async confirmForgotPassword(email: string, code: string, password: string): Promise<void> {
    await this.call('ConfirmForgotPassword', { Username: email, ConfirmationCode: code, Password: password });
  }

  /** Ends every session of this user (other devices too); best effort. */
  async globalSignOut(accessToken: string): Promise<void> {
    await this.call('GlobalSignOut', { AccessToken: accessToken });
  }
}

function tokensFrom(result: AuthenticationResult, refreshToken: string): Tokens {
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken,
    // The tokens' own expiry, which is what AppSync and transwrap check (ExpiresIn is relative to
    // when Cognito answered, and some Cognito stand-ins leave it out).
    expiresAt: Math.min(expiryOf(result.IdToken), expiryOf(result.AccessToken)),
  };
}

function expiryOf(jwt: string): number {
  const { exp } = jwtClaims<{ exp?: number }>(jwt);
  if (typeof exp !== 'number')
    throw new CognitoError('InvalidToken', 'Cognito returned a token without an expiry.');
  return exp * 1000;
}
