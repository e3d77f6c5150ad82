/** Subscribing through Apollo in tests: wait until the server acknowledged, then await events. */
import type { SubscriptionContext } from '@golive/common/graphql-client';
import type { ApolloClient, DocumentNode, OperationVariables } from '@apollo/client';

export interface Collected<T> {
  /** Resolves once the server sent start_ack. */
  ready: Promise<void>;
  events: T[];
  errors: unknown[];
  /** How many times the server acknowledged the subscription (more than once after a reconnect). */
  readyCount(): number;
  /** Resolves with the first event (already received or coming) that satisfies `match`. */
  next(match?: (event: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): void;
}

export function collect<T>(
  client: ApolloClient,
  query: DocumentNode,
  variables?: OperationVariables,
): Collected<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  let markReady: () => void = () => undefined;
  let acknowledged = 0;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const context: SubscriptionContext = {
    onSubscriptionReady() {
      acknowledged++;
      markReady();
    },
  };
  const subscription = client.subscribe<T>({ query, variables, context }).subscribe({
    next(result) {
      if (result.error) errors.push(result.error);
      if (result.data) events.push(result.data);
      for (const wake of waiters) wake();
    },
    error(error: unknown) {
      errors.push(error);
      for (const wake of waiters) wake();
    },
  });
  return {
    ready,
    events,
    errors,
    readyCount: () => acknowledged,
    next(match = () => true, timeoutMs = 10_000) {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found !== undefined) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}; errors ${JSON.stringify(errors)}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => subscription.unsubscribe(),
  };
}
