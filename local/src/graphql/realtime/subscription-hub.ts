/**
 * Live subscriptions and their delivery. When a mutation completes, every subscription its
 * @aws_subscribe names gets the result if (1) each argument the subscriber gave equals the same
 * field in the result, as AppSync filters by arguments, and (2) the resolver's enhanced filter, if
 * any, matches. The subscriber's selection is then resolved with its own field access; identical
 * selections by equally privileged subscribers are resolved once.
 */
import type { Caller } from '../auth/caller';
import type { GraphqlApi, MutationEvent, Prepared, RequestMeta } from '../graphql-api';
import { matchesFilter, type SubscriptionFilter } from '../runtime/subscription-filter';

export interface Subscription {
  id: string;
  fieldName: string;
  args: Record<string, unknown>;
  filter?: SubscriptionFilter;
  prepared: Extract<Prepared, { ok: true }>;
  query: string;
  variables: Record<string, unknown>;
  caller: Caller;
  meta: RequestMeta;
  /** `payloadJson` is the data message's payload, already serialised (once per audience). */
  send(payloadJson: string): void;
}

function argumentsMatch(args: Record<string, unknown>, payload: Record<string, unknown>): boolean {
  return Object.entries(args).every(
    ([name, value]) => value === null || value === undefined || payload[name] === value,
  );
}

/** Subscribers who would see exactly the same data. */
function audienceKey(subscription: Subscription): string {
  const { caller } = subscription;
  const privilege =
    caller.mode === 'AMAZON_COGNITO_USER_POOLS'
      ? `${caller.mode}:${[...caller.groups].sort().join(',')}`
      : caller.mode;
  return `${privilege}\n${JSON.stringify(subscription.variables)}\n${subscription.query}`;
}

export class SubscriptionHub {
  private readonly byField = new Map<string, Set<Subscription>>();

  constructor(private readonly api: GraphqlApi) {
    api.events.on('mutation', (event) => void this.publish(event));
  }

  add(subscription: Subscription): void {
    let set = this.byField.get(subscription.fieldName);
    if (!set) this.byField.set(subscription.fieldName, (set = new Set()));
    set.add(subscription);
  }

  remove(subscription: Subscription): void {
    this.byField.get(subscription.fieldName)?.delete(subscription);
  }

  get size(): number {
    let total = 0;
    for (const set of this.byField.values()) total += set.size;
    return total;
  }

  private async publish({ mutation, payload }: MutationEvent): Promise<void> {
    for (const fieldName of this.api.triggersOf(mutation)) {
      const audiences = new Map<string, Subscription[]>();
      for (const subscription of this.byField.get(fieldName) ?? []) {
        if (!argumentsMatch(subscription.args, payload)) continue;
        if (subscription.filter && !matchesFilter(subscription.filter, payload)) continue;
        const key = audienceKey(subscription);
        const audience = audiences.get(key);
        if (audience) audience.push(subscription);
        else audiences.set(key, [subscription]);
      }
      await Promise.all(
        [...audiences.values()].map(async (audience) => {
          const [first] = audience as [Subscription];
          const response = await this.api.deliver(
            first.prepared,
            first.variables,
            fieldName,
            payload,
            first.caller,
            first.meta,
          );
          const payloadJson = JSON.stringify(response);
          for (const subscription of audience) subscription.send(payloadJson);
        }),
      );
    }
  }
}
