/**
 * Tokens signed with the stack's own key (signing-key.ts), and checked against it.
 *
 * Why this replaces cognito-local's token generator: it signs with a private key shipped inside
 * its npm package (lib/keys/cognitoLocal.private.json), so anyone can mint a token for any user
 * or group that verifies against the pool's JWKS; and it turns a user's `email_verified` of
 * "false" into `true` (Boolean("false")). `JwtTokenGenerator.prototype.generate` is the one
 * method every sign-in, refresh and hosted-UI flow calls, so it is replaced there, before the
 * server is built, with the same claims as Cognito's tokens. (cognito-local's generator would also
 * run a PreTokenGeneration Lambda; the stack configures no Lambda triggers.)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AppClient } from 'cognito-local/lib/services/appClient';
import type { TokenGenerator } from 'cognito-local/lib/services/tokenGenerator';
import type { User } from 'cognito-local/lib/services/userPoolService';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-key';

/** cognito-local's default where the app client sets no validity (Cognito's own is 1 hour). */
const DEFAULT_VALIDITY_SECONDS = 24 * 3600;
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

interface GeneratorInternals {
  clock: { get(): Date };
  tokenConfig: { IssuerDomain?: string };
}

interface TokenGeneratorClass {
  prototype: TokenGenerator;
}

/** How long a token lasts, in seconds, as the app client says (its validity and units). */
function validity(client: AppClient, token: 'AccessToken' | 'IdToken'): number {
  const amount = client[`${token}Validity`];
  if (amount === undefined) return DEFAULT_VALIDITY_SECONDS;
  const unit = client.TokenValidityUnits?.[token] ?? 'hours';
  const seconds = UNIT_SECONDS[unit];
  if (seconds === undefined) throw new Error(`Invalid unit: ${unit}`);
  return amount * seconds;
}

const attribute = (user: User, name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;

function customAttributes(user: User): Record<string, string> {
  return Object.fromEntries(
    (user.Attributes ?? [])
      .filter((a) => a.Name.startsWith('custom:') && a.Value !== undefined)
      .map((a) => [a.Name, a.Value as string]),
  );
}

/** Makes cognito-local's token generator sign with `key`; call before `createDefaultServer`. */
export function signTokensWith(generator: TokenGeneratorClass, key: SigningKey): void {
  generator.prototype.generate = async function (_ctx, user, userGroups, client) {
    // Its constructor's (private) fields: the clock, and the issuer's domain from its config.
    const { clock, tokenConfig } = this as unknown as GeneratorInternals;
    const now = Math.floor(clock.get().getTime() / 1000);
    const issuer = `${tokenConfig.IssuerDomain}/${client.UserPoolId}`;
    const common = {
      sub: attribute(user, 'sub'),
      ...(userGroups.length ? { 'cognito:groups': [...userGroups] } : {}),
      origin_jti: randomUUID(),
      event_id: randomUUID(),
      auth_time: now,
    };
    const sign = (claims: JWTPayload, lifetimeSeconds: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid })
        .setIssuer(issuer)
        .setIssuedAt(now)
        .setJti(randomUUID())
        .setExpirationTime(now + lifetimeSeconds)
        .sign(key.privateKey);
    const email = attribute(user, 'email');
    return {
      AccessToken: await sign(
        {
          ...common,
          client_id: client.ClientId,
          token_use: 'access',
          scope: 'aws.cognito.signin.user.admin',
          username: user.Username,
        },
        validity(client, 'AccessToken'),
      ),
      IdToken: await sign(
        {
          ...common,
          aud: client.ClientId,
          token_use: 'id',
          'cognito:username': user.Username,
          ...(email === undefined
            ? {}
            : { email, email_verified: attribute(user, 'email_verified') === 'true' }),
          ...customAttributes(user),
        },
        validity(client, 'IdToken'),
      ),
      // Cognito's refresh tokens are opaque to clients; cognito-local finds the user by its value.
      RefreshToken: randomBytes(48).toString('base64url'),
    };
  };
}

/** Why Cognito's API refuses an access token: its own messages (NotAuthorizedException). */
export type AccessTokenProblem = 'Invalid Access Token' | 'Access Token has expired';

/** An access token this stack signed, as Cognito's token-authorized actions require one. */
export async function checkAccessToken(
  token: string,
  key: SigningKey,
): Promise<{ ok: true; claims: JWTPayload } | { ok: false; problem: AccessTokenProblem }> {
  try {
    const { payload } = await jwtVerify(token, key.publicKey, { algorithms: [SIGNING_ALGORITHM] });
    if (payload.token_use !== 'access') return { ok: false, problem: 'Invalid Access Token' };
    return { ok: true, claims: payload };
  } catch (error) {
    return {
      ok: false,
      problem: error instanceof errors.JWTExpired ? 'Access Token has expired' : 'Invalid Access Token',
    };
  }
}
