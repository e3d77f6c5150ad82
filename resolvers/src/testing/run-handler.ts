/**
 * Runs one handler of one bundled resolver, as the local runtime does, with a context a test
 * builds. For unit tests of resolver logic without a server or a table.
 */
import { withInvocation, type AuthType } from '@golive/local/graphql/runtime/invocation';
import { EarlyReturn, ResolverError, type AppSyncErrorFields } from '@golive/local/graphql/runtime/errors';
import { loadResolverModule, type ResolverModule } from '@golive/local/graphql/runtime/sandbox';
import { bundleResolvers, type Bundles } from '../bundle';

let bundles: Promise<Bundles> | undefined;

export async function resolverModule(code: string): Promise<ResolverModule> {
  bundles ??= bundleResolvers();
  const source = (await bundles).get(code);
  if (!source) throw new Error(`no bundle for ${code}`);
  return loadResolverModule(code, source);
}

export const SELLER = { sub: 'seller-1', groups: ['sellers'], claims: { email: 'seller@example.com' } };
export const OTHER_SELLER = { sub: 'seller-2', groups: ['sellers'], claims: {} };
export const ADMIN = { sub: 'admin-1', groups: ['admins'], claims: {} };

export interface TestContext {
  args?: Record<string, unknown>;
  identity?: unknown;
  stash?: Record<string, unknown>;
  prev?: { result: unknown };
  result?: unknown;
  error?: { message: string; type: string };
  authType?: AuthType;
  /** The API's environment variables (ctx.env): quotas, for one. */
  env?: Record<string, string>;
}

export type HandlerOutcome =
  | {
      ok: true;
      value: unknown;
      /** The context as the handler left it: its stash holds what the handler stashed. */
      ctx: { stash: Record<string, unknown> } & Record<string, unknown>;
      /** Set when the handler called runtime.earlyReturn: where the pipeline goes on. */
      skipTo?: 'END' | 'NEXT';
    }
  | { ok: false; error: AppSyncErrorFields };

export function runHandler(
  module: ResolverModule,
  handler: 'request' | 'response',
  context: TestContext = {},
  field = 'Query.field',
): HandlerOutcome {
  const [parentTypeName = 'Query', fieldName = 'field'] = field.split('.');
  const ctx = {
    arguments: context.args ?? {},
    args: context.args ?? {},
    identity: context.identity ?? SELLER,
    stash: context.stash ?? {},
    prev: context.prev ?? { result: undefined },
    result: context.result,
    error: context.error,
    source: null,
    env: context.env ?? {},
    request: { headers: {}, domainName: null },
    info: { fieldName, parentTypeName, variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
  };
  const invocation = {
    authType: context.authType ?? ('User Pool Authorization' as const),
    parentTypeName,
    fieldName,
    errors: [],
  };
  try {
    const value = withInvocation(invocation, () => module[handler]?.(ctx));
    return { ok: true, value, ctx };
  } catch (error) {
    if (error instanceof ResolverError) return { ok: false, error: error.fields };
    if (error instanceof EarlyReturn) return { ok: true, value: error.value, ctx, skipTo: error.skipTo };
    throw error;
  }
}

/** The outcome of any refused claim: one error type and message whatever the reason (lib/ticket.ts). */
export const TICKET_REFUSED = {
  ok: false,
  error: expect.objectContaining({
    errorType: 'InvalidTicket',
    message: 'The ticket is invalid, expired or already used.',
  }) as unknown,
};
