/**
 * Where cognito-local answers differently from Cognito, in ways a client can see, the answer is
 * corrected here, in front of it. Each correction names the real behaviour it restores.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { actionOf } from './cognito-gate';

/**
 * A wrong password: Cognito says NotAuthorizedException "Incorrect username or password." (the
 * same as for an unknown user, so sign-in reveals nothing); cognito-local says InvalidPasswordException,
 * which Cognito keeps for a new password that breaks the policy.
 */
const WRONG_PASSWORD_TARGETS = new Set(['InitiateAuth', 'AdminInitiateAuth', 'ChangePassword']);
const NOT_AUTHORIZED = JSON.stringify({
  __type: 'NotAuthorizedException',
  message: 'Incorrect username or password.',
});

/**
 * `afterConfirmSignUp` plays the user pool's PostConfirmation trigger (cognito-local runs none):
 * called with the request after Cognito confirmed a sign-up. Runs behind the gate
 * (cognito-gate.ts), which has parsed the body into `req.body`.
 */
export function withCognitoCompat(
  app: RequestListener,
  afterConfirmSignUp?: (request: { ClientId: string; Username: string }) => Promise<void>,
): RequestListener {
  return (req: IncomingMessage & { body?: unknown }, res) => {
    const name = actionOf(req);
    if (name && WRONG_PASSWORD_TARGETS.has(name)) rewriteWrongPassword(res);
    if (name === 'ConfirmSignUp' && afterConfirmSignUp) {
      const request = req.body as { ClientId: string; Username: string };
      holdResponseUntil(res, async () => {
        if (res.statusCode === 200) await afterConfirmSignUp(request);
      });
    }
    return app(req, res);
  };
}

/** Runs `work` after the response is ready but before the client gets it, as a trigger does. */
function holdResponseUntil(res: ServerResponse, work: () => Promise<void>) {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    work().then(
      () => end(...args),
      (error: unknown) => {
        console.error('cognito: PostConfirmation (join sellers) failed:', error);
        end(...args);
      },
    );
    return res;
  }) as ServerResponse['end'];
}

function rewriteWrongPassword(res: ServerResponse) {
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const body = Buffer.isBuffer(chunk) ? chunk.toString() : chunk;
    if (res.statusCode === 400 && typeof body === 'string' && body.includes('"InvalidPasswordException"')) {
      if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(NOT_AUTHORIZED));
      return end(NOT_AUTHORIZED, ...rest);
    }
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
}
