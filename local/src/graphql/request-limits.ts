/**
 * AppSync's per-request limits (resolvers/src/api-limits.ts holds the numbers amplify/ deploys):
 * how deep an operation may nest, how many resolvers one request may run, and whether the schema
 * answers introspection.
 */
import type { API_LIMITS } from '@golive/resolvers/api-limits';
import {
  Kind,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { resolverGraphQLError } from './errors';
import type { AppSyncErrorFields } from './runtime/errors';

export type ApiLimits = typeof API_LIMITS;

/** With introspection off, AppSync answers `__schema`/`__type` with a validation error. */
export function validationRules(limits: ApiLimits) {
  return limits.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
}

/**
 * The first field, in document order along the deepest branch, that lies deeper than `limit`
 * (fragments followed), or undefined when the operation stays within it. Each fragment's depth is
 * worked out once, so fragments spread many times cost no more than one.
 */
export function fieldBeyondDepth(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limit: number,
): FieldNode | undefined {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment.selectionSet]),
  );
  const fragmentDepths = new Map<string, number>();
  const depthOfSet = (set: SelectionSetNode | undefined): number => {
    let deepest = 0;
    for (const selection of set?.selections ?? []) deepest = Math.max(deepest, depthOf(selection));
    return deepest;
  };
  const depthOf = (selection: SelectionNode): number => {
    if (selection.kind === Kind.FIELD) return 1 + depthOfSet(selection.selectionSet);
    if (selection.kind === Kind.INLINE_FRAGMENT) return depthOfSet(selection.selectionSet);
    const name = selection.name.value;
    let depth = fragmentDepths.get(name);
    if (depth === undefined) {
      depth = depthOfSet(fragments.get(name));
      fragmentDepths.set(name, depth);
    }
    return depth;
  };

  let above = 0;
  let set: SelectionSetNode | undefined = operation.selectionSet;
  while (set) {
    const next: SelectionNode | undefined = set.selections.find((s) => above + depthOf(s) > limit);
    if (!next) return undefined;
    if (next.kind === Kind.FIELD) {
      above += 1;
      if (above > limit) return next;
      set = next.selectionSet;
    } else set = next.kind === Kind.INLINE_FRAGMENT ? next.selectionSet : fragments.get(next.name.value);
  }
  return undefined;
}

/** AppSync's errorType for an operation deeper than the limit. */
export function queryDepthLimitReached(field: FieldNode, limit: number): GraphQLError {
  return resolverGraphQLError(
    {
      message: `Query depth limit of ${limit} reached: ${field.name.value} is nested ${limit + 1} levels deep.`,
      errorType: 'QueryDepthLimitReached',
      data: null,
      errorInfo: null,
    },
    field,
  );
}

/** For a document nested so deep that graphql-js cannot even read it. */
export function nestedTooDeepToRead(limit: number): GraphQLError {
  return resolverGraphQLError({
    message: `Query depth limit of ${limit} reached: the document is nested too deeply to read.`,
    errorType: 'QueryDepthLimitReached',
    data: null,
    errorInfo: null,
  });
}

/** What AppSync says for each resolver past the request's limit (its resolver does not run). */
export const RESOLVER_EXECUTION_LIMIT_REACHED: AppSyncErrorFields = {
  message: 'Resolver invocation limit reached.',
  errorType: 'ResolverExecutionLimitReached',
  data: null,
  errorInfo: null,
};
