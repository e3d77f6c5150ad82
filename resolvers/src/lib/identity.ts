/** Who is calling, as the resolvers need to know it. AppSync has already checked the auth directives. */
import { util, type Context } from '@aws-appsync/utils';

export const USER_POOL = 'User Pool Authorization';
export const IAM = 'IAM Authorization';

interface CognitoIdentity {
  sub: string;
  groups: string[] | null;
  claims: Record<string, unknown>;
}

/** The signed-in user; anything else (API key, IAM) is refused. */
export function signedInUser(ctx: Context): CognitoIdentity {
  if (util.authType() !== USER_POOL) util.unauthorized();
  return ctx.identity as CognitoIdentity;
}

/**
 * The caller's email if their token vouches for it: an ID token with `email_verified` true. An
 * access token has no email; an unverified one (a change not yet confirmed) is not theirs yet.
 */
export function verifiedEmail(user: CognitoIdentity): string | undefined {
  const { email, email_verified: verified } = user.claims;
  return typeof email === 'string' && (verified === true || verified === 'true') ? email : undefined;
}

export function isAdmin(ctx: Context): boolean {
  if (util.authType() !== USER_POOL) return false;
  const groups = (ctx.identity as CognitoIdentity).groups ?? [];
  return groups.includes('admins');
}

interface Owned {
  owner: string;
}

/** The caller owns `item`, or is an admin and `adminMayAct`; otherwise Unauthorized. */
export function requireOwner(ctx: Context, item: Owned, adminMayAct: boolean): void {
  if (adminMayAct && isAdmin(ctx)) return;
  if (signedInUser(ctx).sub !== item.owner) util.unauthorized();
}

/** The schema admits admins only; checked again here so no wiring mistake can open an admin action. */
export function requireAdmin(ctx: Context): void {
  if (!isAdmin(ctx)) util.unauthorized();
}
