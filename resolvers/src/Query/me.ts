/** Query.me (NONE): the caller's identity from their token. */
import type { Context } from '@aws-appsync/utils';
import { signedInUser } from '../lib/identity';

export function request(ctx: Context) {
  const user = signedInUser(ctx);
  return {
    payload: { id: user.sub, email: user.claims.email ?? null, groups: user.groups ?? [] },
  };
}

export function response(ctx: Context) {
  return ctx.result as unknown;
}
