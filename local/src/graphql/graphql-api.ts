/**
 * The API engine: runs GraphQL operations against schema.graphql with the bundled resolvers,
 * enforcing the auth directives on every field for the caller, and tells subscribers about
 * mutations that their @aws_subscribe lists.
 */
import { EventEmitter } from 'node:events';
import {
  defaultFieldResolver,
  execute,
  getArgumentValues,
  getVariableValues,
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  print,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { API_LIMITS } from '@golive/resolvers/api-limits';
import { AUTH_TYPES, identityOf, type Caller } from './auth/caller';
import { fieldAccessOf, isAllowed, type FieldAccess } from './auth/field-access';
import { DocumentCache } from './document-cache';
import { fieldError, formatError, resolverGraphQLError, unauthorized, type AppSyncError } from './errors';
import {
  fieldBeyondDepth,
  nestedTooDeepToRead,
  queryDepthLimitReached,
  RESOLVER_EXECUTION_LIMIT_REACHED,
  validationRules,
  type ApiLimits,
} from './request-limits';
import { runFieldResolver, type FieldResolverPlan } from './runtime/resolver-runner';
import type { SubscriptionFilter } from './runtime/subscription-filter';
import { subscriptionTriggers } from './schema/load-schema';

export interface RequestMeta {
  headers: Record<string, string>;
  sourceIp: string;
  domainName: string | null;
}

interface ExecutionContext {
  caller: Caller;
  meta: RequestMeta;
  appended: AppSyncError[];
  /** When delivering a subscription event, the root field's value is the event, not a resolver's. */
  delivering: boolean;
  /** Resolvers this request has started: past the limit, a field fails instead of running one. */
  resolvers: Promise<unknown>[];
}

export interface Response {
  data: unknown;
  errors?: AppSyncError[];
}

export interface MutationEvent {
  mutation: string;
  payload: Record<string, unknown>;
}

export type Prepared =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode }
  | { ok: false; response: Response };

function selectionList(selectionSet: SelectionSetNode | undefined, prefix = ''): string[] {
  const names: string[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
    const path = `${prefix}${selection.name.value}`;
    names.push(path, ...selectionList(selection.selectionSet, `${path}/`));
  }
  return names;
}

export class GraphqlApi {
  readonly events = new EventEmitter<{ mutation: [MutationEvent] }>();
  private readonly access: FieldAccess;
  private readonly triggers: Map<string, string[]>;
  private readonly documents = new DocumentCache<Prepared>();

  constructor(
    readonly schema: GraphQLSchema,
    private readonly plans: Map<string, FieldResolverPlan>,
    private readonly limits: ApiLimits = API_LIMITS,
  ) {
    this.access = fieldAccessOf(schema);
    this.triggers = subscriptionTriggers(schema);
    this.events.setMaxListeners(0);
  }

  /** Parses and validates once per distinct query text (kept while the cache has room). */
  prepare(query: string, operationName?: string | null): Prepared {
    return this.documents.get(operationName, query, () => this.parseAndValidate(query, operationName));
  }

  private parseAndValidate(query: string, operationName?: string | null): Prepared {
    const refused = (error: GraphQLError, errorType?: string): Prepared => ({
      ok: false,
      response: { data: null, errors: [formatError(error, errorType)] },
    });
    let document: DocumentNode;
    let errors: readonly GraphQLError[];
    try {
      document = parse(query);
      errors = validate(this.schema, document, validationRules(this.limits));
    } catch (error) {
      if (error instanceof GraphQLError) return refused(error, 'InvalidSyntax');
      // graphql-js parses and validates by recursion: nesting that exhausts the stack (a few
      // thousand levels) is far past the depth limit.
      if (error instanceof RangeError) return refused(nestedTooDeepToRead(this.limits.queryDepth));
      throw error;
    }
    if (errors.length)
      return {
        ok: false,
        response: { data: null, errors: errors.map((e) => formatError(e, 'ValidationError')) },
      };
    const operation = getOperationAST(document, operationName);
    if (!operation)
      return refused(
        new GraphQLError('The document must name the operation to run (operationName).'),
        'ValidationError',
      );
    // Refused before anything runs, introspection included (AppSync: see local/README.md).
    const tooDeep = fieldBeyondDepth(document, operation, this.limits.queryDepth);
    if (tooDeep) return refused(queryDepthLimitReached(tooDeep, this.limits.queryDepth));
    return { ok: true, document, operation };
  }

  /** Queries and mutations. A successful mutation field is then published to its subscriptions. */
  async execute(
    prepared: Extract<Prepared, { ok: true }>,
    variables: Record<string, unknown> | undefined,
    caller: Caller,
    meta: RequestMeta,
  ): Promise<Response> {
    const context: ExecutionContext = { caller, meta, appended: [], delivering: false, resolvers: [] };
    const result = await execute({
      schema: this.schema,
      document: prepared.document,
      operationName: prepared.operation.name?.value,
      variableValues: variables,
      contextValue: context,
      fieldResolver: this.resolveField,
    });
    // graphql-js answers as soon as a non-null field fails; the answer waits for what already runs.
    await Promise.allSettled(context.resolvers);
    const response = this.response(result, context);
    if (prepared.operation.operation === OperationTypeNode.MUTATION) this.publish(prepared.operation, result);
    return response;
  }

  /** Checks the caller may subscribe and runs the subscription resolver; returns its filter, if any. */
  async subscribe(
    prepared: Extract<Prepared, { ok: true }>,
    variables: Record<string, unknown>,
    caller: Caller,
    meta: RequestMeta,
  ): Promise<
    | { ok: true; fieldName: string; args: Record<string, unknown>; filter?: SubscriptionFilter }
    | { ok: false; errors: AppSyncError[] }
  > {
    const field = prepared.operation.selectionSet.selections[0];
    if (
      prepared.operation.operation !== OperationTypeNode.SUBSCRIPTION ||
      prepared.operation.selectionSet.selections.length !== 1 ||
      field?.kind !== Kind.FIELD
    ) {
      const error = new GraphQLError('A subscription request must select exactly one subscription field.');
      return { ok: false, errors: [formatError(error, 'ValidationError')] };
    }
    const fieldName = field.name.value;
    if (!isAllowed(this.access.get(`Subscription.${fieldName}`) ?? [], caller)) {
      return {
        ok: false,
        errors: [formatError(resolverGraphQLError(unauthorized('Subscription', fieldName)))],
      };
    }
    const definition = this.schema.getSubscriptionType()?.getFields()[fieldName];
    if (!definition)
      return {
        ok: false,
        errors: [formatError(new GraphQLError(`Unknown subscription ${fieldName}.`), 'ValidationError')],
      };
    const coerced = getVariableValues(this.schema, prepared.operation.variableDefinitions ?? [], variables);
    if (coerced.errors)
      return { ok: false, errors: coerced.errors.map((error) => formatError(error, 'ValidationError')) };
    let args: Record<string, unknown>;
    try {
      args = JSON.parse(JSON.stringify(getArgumentValues(definition, field, coerced.coerced))) as Record<
        string,
        unknown
      >;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { ok: false, errors: [formatError(error, 'ValidationError')] };
    }
    for (const argument of definition.args) args[argument.name] ??= null;
    const plan = this.plans.get(`Subscription.${fieldName}`);
    if (!plan) return { ok: true, fieldName, args };
    const outcome = await runFieldResolver(plan, {
      authType: AUTH_TYPES[caller.mode],
      identity: identityOf(caller, meta.sourceIp),
      arguments: args,
      source: null,
      request: { headers: meta.headers, domainName: meta.domainName },
      info: {
        fieldName,
        parentTypeName: 'Subscription',
        variables,
        selectionSetList: selectionList(field.selectionSet),
        selectionSetGraphQL: field.selectionSet ? print(field.selectionSet) : '',
      },
    });
    if (!outcome.ok) return { ok: false, errors: [formatError(resolverGraphQLError(outcome.error))] };
    return { ok: true, fieldName, args, filter: outcome.subscriptionFilter };
  }

  /** Resolves a subscriber's selection over a published payload, with the subscriber's field access. */
  async deliver(
    prepared: Extract<Prepared, { ok: true }>,
    variables: Record<string, unknown>,
    fieldName: string,
    payload: unknown,
    caller: Caller,
    meta: RequestMeta,
  ): Promise<Response> {
    const context: ExecutionContext = { caller, meta, appended: [], delivering: true, resolvers: [] };
    const result = await execute({
      schema: this.schema,
      document: prepared.document,
      operationName: prepared.operation.name?.value,
      variableValues: variables,
      rootValue: { [fieldName]: payload },
      contextValue: context,
      fieldResolver: this.resolveField,
    });
    return this.response(result, context);
  }

  triggersOf(mutation: string): string[] {
    return this.triggers.get(mutation) ?? [];
  }

  private response(result: ExecutionResult, context: ExecutionContext): Response {
    const errors = [...(result.errors ?? []).map((error) => formatError(error)), ...context.appended];
    return errors.length ? { data: result.data ?? null, errors } : { data: result.data ?? null };
  }

  private publish(operation: OperationDefinitionNode, result: ExecutionResult): void {
    const data = result.data;
    if (!data) return;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const payload = data[selection.alias?.value ?? selection.name.value];
      if (payload !== null && typeof payload === 'object') {
        this.events.emit('mutation', {
          mutation: selection.name.value,
          payload: payload as Record<string, unknown>,
        });
      }
    }
  }

  private readonly resolveField: GraphQLFieldResolver<unknown, ExecutionContext> = async (
    source,
    args,
    context,
    info,
  ) => {
    const typeName = info.parentType.name;
    if (!isAllowed(this.access.get(`${typeName}.${info.fieldName}`) ?? [], context.caller)) {
      throw fieldError(unauthorized(typeName, info.fieldName), info);
    }
    const plan = this.plans.get(`${typeName}.${info.fieldName}`);
    if (!plan || (context.delivering && typeName === 'Subscription'))
      return defaultFieldResolver(source, args, context, info);
    // Counted before anything awaits: fields start in document order, so the first ones run.
    if (context.resolvers.length >= this.limits.resolverCount)
      throw fieldError(RESOLVER_EXECUTION_LIMIT_REACHED, info);
    const running = this.runPlan(plan, source, args as Record<string, unknown>, context, info);
    context.resolvers.push(running);
    return running;
  };

  private async runPlan(
    plan: FieldResolverPlan,
    source: unknown,
    args: Record<string, unknown>,
    context: ExecutionContext,
    info: GraphQLResolveInfo,
  ): Promise<unknown> {
    const fieldNode = info.fieldNodes[0];
    const outcome = await runFieldResolver(plan, {
      authType: AUTH_TYPES[context.caller.mode],
      identity: identityOf(context.caller, context.meta.sourceIp),
      // graphql-js gives null-prototype objects; resolver code expects plain ones.
      arguments: JSON.parse(JSON.stringify(args)) as Record<string, unknown>,
      source,
      request: { headers: context.meta.headers, domainName: context.meta.domainName },
      info: {
        fieldName: info.fieldName,
        parentTypeName: info.parentType.name,
        variables: info.variableValues,
        selectionSetList: selectionList(fieldNode?.selectionSet),
        selectionSetGraphQL: fieldNode?.selectionSet ? print(fieldNode.selectionSet) : '',
      },
    });
    const path = [];
    for (let step: GraphQLResolveInfo['path'] | undefined = info.path; step; step = step.prev)
      path.unshift(step.key);
    for (const appended of outcome.errors) {
      context.appended.push({
        path,
        data: appended.data,
        errorType: appended.errorType,
        errorInfo: appended.errorInfo,
        locations: null,
        message: appended.message,
      });
    }
    if (!outcome.ok) throw fieldError(outcome.error, info);
    return outcome.value;
  }
}
