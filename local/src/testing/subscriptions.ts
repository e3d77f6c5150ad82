/** Subscribing through Apollo in tests: wait until the server acknowledged, then await events. */
import { MessageLog } from '@golive/common/testing/message-log';
import type { SubscriptionContext } from '@golive/common/graphql-client';
import type { ApolloClient, DocumentNode, OperationVariables } from '@apollo/client';

export interface Collected<T> {
  /** Resolves once the server sent start_ack. */
  ready: Promise<void>;
  /** Every event so far, oldest first. */
  events: readonly T[];
  errors: unknown[];
  /** Resolves with the first error the subscription reports (it never rejects). */
  firstError: Promise<unknown>;
  /** How many times the server acknowledged the subscription (more than once after a reconnect). */
  readyCount(): number;
  /**
   * Resolves with the first event (already received or coming) that satisfies `match`; fails at
   * once if the subscription ends or fails first, and after `timeoutMs` otherwise.
   */
  next(match?: (event: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): void;
}

const said = (errors: unknown[]) => errors.map((error) => String(error)).join('; ');

export function collect<T>(
  client: ApolloClient,
  query: DocumentNode,
  variables?: OperationVariables,
): Collected<T> {
  const log = new MessageLog<T>();
  const errors: unknown[] = [];
  let reportError: (error: unknown) => void = () => undefined;
  const firstError = new Promise<unknown>((resolve) => (reportError = resolve));
  const failed = (error: unknown) => {
    errors.push(error);
    reportError(error);
  };
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
      if (result.error) failed(result.error);
      if (result.data) log.push(result.data);
    },
    error(error: unknown) {
      failed(error);
      log.fail(error);
    },
    complete() {
      log.end(`the subscription ended${errors.length ? ` after errors: ${said(errors)}` : ''}`);
    },
  });
  return {
    ready,
    get events() {
      return log.messages;
    },
    errors,
    firstError,
    readyCount: () => acknowledged,
    async next(match = () => true, timeoutMs = 10_000) {
      // The test's own predicate says best what it waits for.
      return log.next(`an event matching ${match.toString()}`, match, { timeoutMs }).catch((error: Error) => {
        throw errors.length
          ? new Error(`${error.message}; errors: ${said(errors)}`, { cause: error })
          : error;
      });
    },
    stop: () => {
      subscription.unsubscribe();
      log.end('the test stopped the subscription');
    },
  };
}
