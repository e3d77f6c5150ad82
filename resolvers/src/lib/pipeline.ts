/**
 * The before/after steps shared by pipeline resolvers whose functions do all the work: the
 * result of the last function is the field's value.
 */
import type { Context } from '@aws-appsync/utils';

export function request(): Record<string, never> {
  return {};
}

export function response(ctx: Context): unknown {
  return (ctx.prev as { result: unknown }).result;
}
