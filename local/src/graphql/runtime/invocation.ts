/**
 * What `util`, `runtime` and `extensions` need to know about the handler that is running. Handlers
 * are synchronous, so one slot is enough: the executor sets it around each call.
 */
import type { AppSyncErrorFields } from './errors';
import type { SubscriptionFilter } from './subscription-filter';

export type AuthType =
  | 'User Pool Authorization'
  | 'API Key Authorization'
  | 'IAM Authorization'
  | 'Open ID Connect Authorization'
  | 'Lambda Authorization';

export interface Invocation {
  authType: AuthType;
  parentTypeName: string;
  fieldName: string;
  /** util.appendError collects here; they are reported even when the field resolves. */
  errors: AppSyncErrorFields[];
  subscriptionFilter?: SubscriptionFilter;
}

let current: Invocation | undefined;

export function currentInvocation(feature: string): Invocation {
  if (!current) throw new Error(`${feature} was called outside a resolver handler`);
  return current;
}

export function withInvocation<T>(invocation: Invocation, run: () => T): T {
  const previous = current;
  current = invocation;
  try {
    return run();
  } finally {
    current = previous;
  }
}
