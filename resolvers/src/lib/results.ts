/** Turning data-source results into API results or AppSync errors. */
import { util, type Context } from '@aws-appsync/utils';

export const NOT_FOUND = 'NotFound';

/** Re-raises a data source's error with its own message and type, as AppSync reports it. */
export function raiseDataSourceError(ctx: Context): void {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
}

/** The write's condition failed: the item was not as the write required (DynamoDB wrote nothing). */
export function conditionFailed(ctx: Context): boolean {
  return ctx.error?.type === 'DynamoDB:ConditionalCheckFailedException';
}

/** A failed condition is refused as `message` (`errorType`); any other error is passed on. */
export function refuseFailedCondition(ctx: Context, message: string, errorType: string): void {
  if (conditionFailed(ctx)) util.error(message, errorType);
  raiseDataSourceError(ctx);
}

export function found<T>(ctx: Context, what: string): T {
  raiseDataSourceError(ctx);
  if (!ctx.result) util.error(`${what} not found.`, NOT_FOUND);
  return ctx.result as T;
}

export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

export function page<T>(ctx: Context): Page<T> {
  raiseDataSourceError(ctx);
  const result = ctx.result as { items: T[]; nextToken?: string | null };
  return { items: result.items, nextToken: result.nextToken ?? null };
}
