/**
 * One real-time connection's subscriptions, at most AppSync's 100. A `start` holds its slot from
 * the moment it arrives, while its auth and query are still being checked: otherwise a burst of
 * starts would all pass the count before any of them was added.
 */
import type { SubscriptionHub, Subscription } from './subscription-hub';

/** AppSync allows 100 subscriptions per connection. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

/** A start's claim on a slot: filled when the subscription begins, released if it does not. */
export interface Slot {
  /** Begins the subscription; false when the slot was withdrawn meanwhile (stop, connection closed). */
  fill(subscription: Subscription): boolean;
  /** Gives an unfilled slot back; does nothing once filled or withdrawn. */
  release(): void;
}

export type Reserved =
  | { ok: true; slot: Slot }
  | { ok: false; errorType: 'DuplicatedOperationError' | 'MaxSubscriptionsReachedError'; message: string };

export class ConnectionSubscriptions {
  private readonly running = new Map<string, Subscription>();
  /** id -> the start holding the slot; a stop withdraws it, and a later start with the id is a new one. */
  private readonly starting = new Map<string, Slot>();

  constructor(private readonly hub: SubscriptionHub) {}

  reserve(id: string): Reserved {
    if (this.running.has(id) || this.starting.has(id))
      return {
        ok: false,
        errorType: 'DuplicatedOperationError',
        message: 'A subscription with this id is already running.',
      };
    if (this.running.size + this.starting.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION)
      return {
        ok: false,
        errorType: 'MaxSubscriptionsReachedError',
        message: `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection.`,
      };
    const slot: Slot = {
      fill: (subscription) => {
        if (this.starting.get(id) !== slot) return false;
        this.starting.delete(id);
        this.running.set(id, subscription);
        this.hub.add(subscription);
        return true;
      },
      release: () => {
        if (this.starting.get(id) === slot) this.starting.delete(id);
      },
    };
    this.starting.set(id, slot);
    return { ok: true, slot };
  }

  /** Ends a running subscription, or withdraws one still starting. */
  stop(id: string): void {
    const subscription = this.running.get(id);
    if (subscription) this.hub.remove(subscription);
    this.running.delete(id);
    this.starting.delete(id);
  }

  /** The connection closed: nothing of it stays subscribed, and nothing still starting begins. */
  clear(): void {
    for (const subscription of this.running.values()) this.hub.remove(subscription);
    this.running.clear();
    this.starting.clear();
  }
}
