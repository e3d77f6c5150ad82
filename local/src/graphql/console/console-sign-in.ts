/**
 * POST /graphql/console/sign-in: the console page signs in through the server because the browser
 * page cannot call the local Cognito endpoint cross-origin. Returns only the ID token; the
 * password goes no further than Cognito and is never logged.
 */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestError } from '../errors';
import { send } from '../http-handler';

export type ConsoleSignIn = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

const MAX_SIGN_IN_BYTES = 4096;

export function createConsoleSignIn(cognito: CognitoIdentityProviderClient, clientId: string): ConsoleSignIn {
  return async (request, response) => {
    let text = '';
    for await (const chunk of request) {
      text += String(chunk);
      if (text.length > MAX_SIGN_IN_BYTES)
        return send(response, 413, requestError('PayloadTooLargeException', 'Too large.'));
    }
    let body: { username?: unknown; password?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return send(
        response,
        400,
        requestError('MalformedHttpRequestException', 'Send {"username", "password"} as JSON.'),
      );
    }
    if (typeof body.username !== 'string' || typeof body.password !== 'string') {
      return send(
        response,
        400,
        requestError('MalformedHttpRequestException', 'Send {"username", "password"} as JSON.'),
      );
    }
    try {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: body.username, PASSWORD: body.password },
        }),
      );
      if (!AuthenticationResult?.IdToken)
        return send(
          response,
          401,
          requestError('NotAuthorizedException', 'Sign-in needs another step; use the app.'),
        );
      send(response, 200, {
        idToken: AuthenticationResult.IdToken,
        expiresIn: AuthenticationResult.ExpiresIn,
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'NotAuthorizedException';
      send(response, 401, requestError(name, 'Incorrect username or password.'));
    }
  };
}
