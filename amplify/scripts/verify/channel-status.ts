/**
 * One channel's status as a viewer sees it: the onChannelStatus subscription through the
 * production API client (AppSync's real-time protocol), every status kept in order so that a
 * step can wait for one that comes after another (OFFLINE after LIVE).
 */
import type { ApolloClient } from '@apollo/client';
import { ON_CHANNEL_STATUS } from '@golive/common/api-operations';
import type { SubscriptionContext } from '@golive/common/graphql-client';
import { VerifyFailure } from './failure-hints';

export class ChannelStatusWatch {
  /** Every status received, in order. */
  readonly statuses: string[] = [];
  /** Resolves when AppSync acknowledged the subscription (start_ack); rejects if it refused it. */
  readonly acknowledged: Promise<void>;
  private refusal: Error | undefined;
  private readonly wake = new Set<() => void>();
  private readonly subscription: { unsubscribe(): void };

  constructor(client: ApolloClient, channelId: string) {
    let acknowledge = () => {};
    let refuse: (error: unknown) => void = () => {};
    this.acknowledged = new Promise<void>((resolve, reject) => {
      acknowledge = resolve;
      refuse = reject;
    });
    this.acknowledged.catch(() => undefined);
    const context: SubscriptionContext = { onSubscriptionReady: () => acknowledge() };
    this.subscription = client
      .subscribe({ query: ON_CHANNEL_STATUS, variables: { id: channelId }, context })
      .subscribe({
        next: (result) => {
          if (result.error) return this.fail(result.error, refuse);
          const status = result.data?.onChannelStatus?.status;
          if (status) this.statuses.push(status);
          this.wake.forEach((wake) => wake());
        },
        error: (error: unknown) => this.fail(error, refuse),
      });
  }

  private fail(error: unknown, refuse: (error: unknown) => void): void {
    this.refusal = error instanceof Error ? error : new Error(String(error));
    refuse(error);
    this.wake.forEach((wake) => wake());
  }

  /** Resolves with the position of the first `status` received after position `after`. */
  waitFor(status: string, signal: AbortSignal, after = -1): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const at = this.statuses.findIndex((seen, index) => index > after && seen === status);
        if (at === -1 && this.refusal === undefined && !signal.aborted) return;
        this.wake.delete(check);
        signal.removeEventListener('abort', check);
        if (at !== -1) resolve(at);
        else if (this.refusal !== undefined) reject(this.refusal);
        else reject(new VerifyFailure('timeout', `no ${status}`));
      };
      this.wake.add(check);
      signal.addEventListener('abort', check, { once: true });
      check();
    });
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}
