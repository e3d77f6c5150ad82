/** An API error in words a user can act on: the API's own messages where it gave some. */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

export function apiErrorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((entry) => entry.message).join(' ');
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { message: string }[] };
      if (body.errors?.length) return body.errors.map((entry) => entry.message).join(' ');
    } catch {
      // Not JSON (a gateway's page): the status says enough.
    }
    return `The API answered with HTTP ${error.statusCode}.`;
  }
  if (!navigator.onLine) return 'You are offline. Connect and try again.';
  if (error instanceof TypeError) return 'Cannot reach the API. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}

/** The API's errorType of a refused operation (Throttled, Muted, ...), if the API gave one. */
export function apiErrorType(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const first = error.errors[0] as { errorType?: unknown } | undefined;
  return typeof first?.errorType === 'string' ? first.errorType : undefined;
}
