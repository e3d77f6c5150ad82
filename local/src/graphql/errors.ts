/** GraphQL errors in AppSync's shape: message, errorType, data, errorInfo, path, locations. */
import { GraphQLError } from 'graphql';
import type { AppSyncErrorFields } from './runtime/errors';

export interface AppSyncError {
  path: (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

/** Carries resolver error fields through graphql-js to the response. */
export function resolverGraphQLError(fields: AppSyncErrorFields): GraphQLError {
  return new GraphQLError(fields.message, { extensions: { appsync: fields } });
}

export function unauthorizedField(typeName: string, fieldName: string): GraphQLError {
  return resolverGraphQLError({
    message: `Not Authorized to access ${fieldName} on type ${typeName}`,
    errorType: 'Unauthorized',
    data: null,
    errorInfo: null,
  });
}

export function formatError(error: GraphQLError, fallbackType: string | null = null): AppSyncError {
  const fields = error.extensions.appsync as AppSyncErrorFields | undefined;
  return {
    path: error.path ? [...error.path] : null,
    data: fields?.data ?? null,
    errorType: fields ? fields.errorType : fallbackType,
    errorInfo: fields?.errorInfo ?? null,
    locations: error.locations
      ? error.locations.map(({ line, column }) => ({ line, column, sourceName: null }))
      : null,
    message: fields?.message ?? error.message,
  };
}

/** An error that is not about one field (bad request, auth): AppSync's short form. */
export function requestError(errorType: string, message: string) {
  return { errors: [{ errorType, message }] };
}
