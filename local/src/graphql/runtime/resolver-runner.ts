/**
 * Runs one field's resolver as AppSync does: unit (request -> data source -> response) or pipeline
 * (before -> each function's request -> data source -> response -> after), with ctx.stash shared
 * along the way, ctx.prev.result carrying each step's result, and runtime.earlyReturn skipping ahead.
 */
import type { DataSource } from '../data-sources/data-source';
import { EarlyReturn, ResolverError, type AppSyncErrorFields } from './errors';
import { withInvocation, type AuthType, type Invocation } from './invocation';
import type { ResolverModule } from './sandbox';
import type { SubscriptionFilter } from './subscription-filter';

export interface Step {
  name: string;
  module: ResolverModule;
  dataSource: DataSource;
}

/** The API's environment variables, which AppSync gives every handler as ctx.env. */
export type ApiEnvironment = Readonly<Record<string, string>>;

export type FieldResolverPlan = (
  { kind: 'UNIT'; step: Step } | { kind: 'PIPELINE'; name: string; module: ResolverModule; functions: Step[] }
) & { env?: ApiEnvironment };

export interface FieldCall {
  authType: AuthType;
  identity: unknown;
  arguments: Record<string, unknown>;
  source: unknown;
  request: { headers: Record<string, string>; domainName: string | null };
  info: {
    fieldName: string;
    parentTypeName: string;
    variables: Record<string, unknown>;
    selectionSetList: string[];
    selectionSetGraphQL: string;
  };
}

export type FieldOutcome =
  | { ok: true; value: unknown; errors: AppSyncErrorFields[]; subscriptionFilter?: SubscriptionFilter }
  | { ok: false; error: AppSyncErrorFields; errors: AppSyncErrorFields[] };

interface Ctx {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  stash: Record<string, unknown>;
  prev: { result: unknown };
  result: unknown;
  error: { message: string; type: string } | undefined;
  request: FieldCall['request'];
  info: FieldCall['info'];
  env: ApiEnvironment;
}

/** A bug in resolver code (TypeError and the like) surfaces as AppSync reports code errors. */
function codeError(step: string, error: unknown): AppSyncErrorFields {
  // Errors thrown in the resolver's own context are not instances of this realm's Error.
  const { name, message: text } = (error ?? {}) as { name?: unknown; message?: unknown };
  const message =
    typeof text === 'string' ? `${typeof name === 'string' ? name : 'Error'}: ${text}` : String(error);
  return { message: `${message} (in ${step})`, errorType: 'Code', data: null, errorInfo: null };
}

export async function runFieldResolver(plan: FieldResolverPlan, call: FieldCall): Promise<FieldOutcome> {
  const invocation: Invocation = {
    authType: call.authType,
    parentTypeName: call.info.parentTypeName,
    fieldName: call.info.fieldName,
    errors: [],
  };
  const ctx: Ctx = {
    arguments: call.arguments,
    args: call.arguments,
    identity: call.identity,
    source: call.source,
    stash: {},
    prev: { result: undefined },
    result: undefined,
    error: undefined,
    request: call.request,
    info: call.info,
    env: { ...plan.env },
  };
  const handler = (step: string, fn: ((ctx: unknown) => unknown) | undefined) =>
    withInvocation(invocation, () => {
      if (!fn) throw new ResolverError(codeError(step, new Error('the module exports no such handler')));
      try {
        return fn(ctx);
      } catch (error) {
        if (error instanceof ResolverError || error instanceof EarlyReturn) throw error;
        throw new ResolverError(codeError(step, error));
      }
    });

  async function runStep(step: Step): Promise<unknown> {
    ctx.result = undefined;
    ctx.error = undefined;
    const request = handler(`${step.name}.request`, step.module.request);
    const outcome = await step.dataSource.execute(request);
    ctx.result = outcome.result;
    ctx.error = outcome.error;
    return handler(`${step.name}.response`, step.module.response);
  }

  const done = (value: unknown): FieldOutcome => ({
    ok: true,
    value: value ?? null,
    errors: invocation.errors,
    subscriptionFilter: invocation.subscriptionFilter,
  });

  let stepName = plan.kind === 'UNIT' ? plan.step.name : plan.name;
  try {
    if (plan.kind === 'UNIT') {
      try {
        return done(await runStep(plan.step));
      } catch (error) {
        if (error instanceof EarlyReturn) return done(error.value);
        throw error;
      }
    }
    try {
      ctx.prev = { result: handler(`${plan.name}.request`, plan.module.request) };
    } catch (error) {
      if (error instanceof EarlyReturn) return done(error.value);
      throw error;
    }
    for (const step of plan.functions) {
      stepName = step.name;
      try {
        ctx.prev = { result: await runStep(step) };
      } catch (error) {
        if (!(error instanceof EarlyReturn)) throw error;
        ctx.prev = { result: error.value };
        if (error.skipTo === 'END') break;
      }
    }
    stepName = plan.name;
    ctx.result = ctx.prev.result;
    ctx.error = undefined;
    try {
      return done(handler(`${plan.name}.response`, plan.module.response));
    } catch (error) {
      if (error instanceof EarlyReturn) return done(error.value);
      throw error;
    }
  } catch (error) {
    if (error instanceof ResolverError) return { ok: false, error: error.fields, errors: invocation.errors };
    return { ok: false, error: codeError(stepName, error), errors: invocation.errors };
  }
}
