/** IVS identifiers: 12-character resource ids inside ARNs, and stream key values. */
import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(length = 12): string {
  return [...randomBytes(length)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

export function arnOf(
  region: string,
  accountId: string,
  resource: 'channel' | 'stream-key',
  id: string,
): string {
  return `arn:aws:ivs:${region}:${accountId}:${resource}/${id}`;
}

/** IVS's ARN pattern: arn:aws:ivs:<region>:<12 digits>:<resource>/<id>. */
export function parseArn(arn: unknown, resource: 'channel' | 'stream-key'): { id: string } | undefined {
  if (typeof arn !== 'string' || arn.length > 128) return undefined;
  const match = new RegExp(`^arn:aws:ivs:[a-z0-9-]+:[0-9]+:${resource}/([a-zA-Z0-9]+)$`).exec(arn);
  return match?.[1] ? { id: match[1] } : undefined;
}

/** What IVS stream keys look like: sk_<region>_<random>. */
export function streamKeyValue(region: string): string {
  return `sk_${region}_${randomId(36)}`;
}
