/**
 * cognito-local's action handlers ("targets"), completed where Cognito does more. Its router looks
 * each action up in a plain object (lib/targets/targets.js) per request, so entries are added or
 * wrapped there before the server is built.
 */
import type { Services } from 'cognito-local/lib/services';
import type { User } from 'cognito-local/lib/services/userPoolService';
import { decodeJwt } from 'jose';

type Handler = (ctx: never, request: Record<string, unknown>) => Promise<object>;
type Target = (services: Services) => Handler;
type Targets = Record<string, Target>;

function withAttribute(user: User, name: string, value: string): User {
  return {
    ...user,
    Attributes: [...user.Attributes.filter((a) => a.Name !== name), { Name: name, Value: value }],
  };
}

/**
 * ConfirmSignUp with the code Cognito emailed proves the address: in a pool that verifies email
 * (AutoVerifiedAttributes), Cognito marks it verified. cognito-local leaves `email_verified` unset,
 * so a self-signed-up user's tokens would say the email is unverified.
 */
function verifyEmailOnConfirmSignUp(targets: Targets) {
  const confirmSignUp = targets.ConfirmSignUp!;
  targets.ConfirmSignUp = (services) => {
    const confirm = confirmSignUp(services);
    return async (ctx, request) => {
      const result = await confirm(ctx, request);
      const pool = await services.cognito.getUserPoolForClientId(ctx, String(request.ClientId));
      const user = await pool.getUserByUsername(ctx, String(request.Username));
      const hasEmail = user?.Attributes.some((a) => a.Name === 'email');
      if (user && hasEmail && pool.options.AutoVerifiedAttributes?.includes('email'))
        await pool.saveUser(ctx, withAttribute(user, 'email_verified', 'true'));
      return result;
    };
  };
}

/**
 * GlobalSignOut, which cognito-local lacks (it answers 500 "unsupported"): as in Cognito, the
 * user's refresh tokens stop working, so no new tokens come from any device they signed in on.
 * Cognito also revokes the access and ID tokens already issued; here they stay valid until they
 * expire (local/README.md says so). The access token was checked against the stack's key in front
 * (cognito-gate.ts), so its claims can be trusted here.
 */
function addGlobalSignOut(targets: Targets) {
  targets.GlobalSignOut =
    ({ cognito }) =>
    async (ctx, { AccessToken }) => {
      const { client_id: clientId, sub } = decodeJwt(String(AccessToken));
      const pool = await cognito.getUserPoolForClientId(ctx, String(clientId));
      const user = await pool.getUserByUsername(ctx, String(sub));
      if (user) await pool.saveUser(ctx, { ...user, RefreshTokens: [] });
      return {};
    };
}

export function fixTargets(targets: object): void {
  verifyEmailOnConfirmSignUp(targets as Targets);
  addGlobalSignOut(targets as Targets);
}
