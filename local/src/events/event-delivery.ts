/**
 * Delivers AWS events (IVS stream state, ECS task state) to the API as the deployed EventBridge rules do: match each rule's pattern,
 * apply its input transformer, and call its AppSync mutation signed with IAM (SigV4). Failed
 * deliveries are retried with backoff, as EventBridge retries.
 */
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { EVENT_RULES, type AppSyncEventRule } from '@golive/resolvers/events/event-rules';
import { NodeSha256, type SigV4Credentials } from '../aws/sigv4';
import type { AwsEvent } from './aws-event';

export interface EventTarget {
  graphqlUrl: string;
  region: string;
  credentials: SigV4Credentials;
}

/** Reads a simple JSONPath ($.a.b, $.a[0]) as EventBridge input paths use them. */
export function readPath(event: unknown, path: string): unknown {
  let value = event;
  for (const part of path.replace(/^\$\.?/, '').match(/[^.[\]]+/g) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** An input transformer: each <name> becomes its path's value as JSON (strings quoted). */
export function transformInput(rule: AppSyncEventRule, event: unknown): unknown {
  const text = rule.inputTemplate.replace(/<([A-Za-z0-9_-]+)>/g, (_match, name: string) => {
    const path = rule.inputPathsMap[name];
    return JSON.stringify(path === undefined ? null : (readPath(event, path) ?? null));
  });
  return JSON.parse(text);
}

/** An event pattern of exact values: source, detail-type and each listed detail field must match. */
export function matches(rule: AppSyncEventRule, event: AwsEvent): boolean {
  const { eventPattern } = rule;
  const detail = event.detail;
  return (
    eventPattern.source.includes(event.source) &&
    eventPattern['detail-type'].includes(event['detail-type']) &&
    Object.entries(eventPattern.detail).every(
      ([field, values]) => typeof detail[field] === 'string' && values.includes(detail[field]),
    )
  );
}

const RETRY_DELAYS_MS = [200, 1000, 5000, 15000];

export class EventDelivery {
  private readonly signer: SignatureV4;

  constructor(
    private readonly target: EventTarget,
    private readonly log: (line: string) => void,
    private readonly rules: AppSyncEventRule[] = EVENT_RULES,
  ) {
    this.signer = new SignatureV4({
      credentials: target.credentials,
      region: target.region,
      service: 'appsync',
      sha256: NodeSha256,
    });
  }

  /** Resolves once every matching rule's call succeeded or gave up. */
  async deliver(event: AwsEvent): Promise<void> {
    await Promise.all(
      this.rules.filter((rule) => matches(rule, event)).map((rule) => this.call(rule, event)),
    );
  }

  private async call(rule: AppSyncEventRule, event: AwsEvent): Promise<void> {
    const body = JSON.stringify({ query: rule.graphQLOperation, variables: transformInput(rule, event) });
    for (let attempt = 0; ; attempt++) {
      const problem = await this.post(body).catch((error: unknown) =>
        error instanceof Error ? error.message : String(error),
      );
      if (problem === undefined) return;
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) {
        this.log(
          `gave up delivering "${event['detail-type']}" for ${event.resources[0]} via ${rule.name}: ${problem}`,
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** undefined when delivered; otherwise what went wrong. */
  private async post(body: string): Promise<string | undefined> {
    const url = new URL(this.target.graphqlUrl);
    const signed = await this.signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        headers: { host: url.host, 'content-type': 'application/json' },
        body,
      }),
    );
    const response = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) return `HTTP ${response.status}`;
    const result = JSON.parse(text) as { errors?: { message: string }[] };
    // A refused call (4xx, GraphQL errors) is not retried: it would be refused again.
    if (!response.ok || result.errors?.length) this.log(`the API refused an event: ${text.slice(0, 300)}`);
    return undefined;
  }
}
