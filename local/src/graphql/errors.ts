/** GraphQL errors in AppSync's shape: message, errorType, data, errorInfo, path, locations. */
import { GraphQLError, responsePathAsArray, type ASTNode, type GraphQLResolveInfo } from 'graphql';
import type { AppSyncErrorFields } from './runtime/errors';

export interface AppSyncError {
  path: (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

/** Carries resolver error fields through graphql-js to the response; `nodes` give its locations. */
export function resolverGraphQLError(fields: AppSyncErrorFields, nodes?: ASTNode): GraphQLError {
  return new GraphQLError(fields.message, { nodes, extensions: { appsync: fields } });
}

/**
 * A field's error with its path and locations already set, so graphql-js takes it as it is. Left
 * to graphql-js, each failing field's line and column would be found by scanning the query from
 * its start: 10,000 failing aliases took seconds. The lexer noted them on the field's first token.
 */
export function fieldError(fields: AppSyncErrorFields, info: GraphQLResolveInfo): GraphQLError {
  const error = new GraphQLError(fields.message, {
    path: responsePathAsArray(info.path),
    extensions: { appsync: fields },
  });
  (error as { locations?: GraphQLError['locations'] }).locations = info.fieldNodes.flatMap((node) =>
    node.loc ? [{ line: node.loc.startToken.line, column: node.loc.startToken.column }] : [],
  );
  return error;
}

export function unauthorized(typeName: string, fieldName: string): AppSyncErrorFields {
  return {
    message: `Not Authorized to access ${fieldName} on type ${typeName}`,
    errorType: 'Unauthorized',
    data: null,
    errorInfo: null,
  };
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
