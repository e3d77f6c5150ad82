/**
 * API keys for public reads, AppSync-style: `da2-` followed by 26 characters, each with an
 * expiry. Kept in <data>/graphql/api-keys.json so a key survives restarts until it expires.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ApiKey {
  id: string;
  /** Epoch seconds, as AppSync reports `expires`. */
  expires: number;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** AppSync allows up to 365 days. */
export const API_KEY_LIFETIME_DAYS = 365;

export function newApiKey(now = Date.now(), lifetimeDays = API_KEY_LIFETIME_DAYS): ApiKey {
  const id = `da2-${[...randomBytes(26)].map((byte) => ALPHABET[byte % 32]).join('')}`;
  return { id, expires: Math.floor(now / 1000) + lifetimeDays * 86400 };
}

export function readApiKeys(file: string): ApiKey[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ApiKey[]) : [];
}

export function writeApiKeys(file: string, keys: ApiKey[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(keys, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** The newest key that is still valid for at least a day, creating one when there is none. */
export function ensureApiKey(file: string, now = Date.now()): ApiKey {
  const keys = readApiKeys(file);
  const usable = keys
    .filter((key) => key.expires * 1000 > now + 86400_000)
    .sort((a, b) => b.expires - a.expires)[0];
  if (usable) return usable;
  const key = newApiKey(now);
  writeApiKeys(file, [...keys, key]);
  return key;
}

/**
 * The key list for request authentication, re-read from disk at most once a second rather than on
 * every request, so added or edited keys still take effect promptly.
 */
export function apiKeyList(file: string, refreshMs = 1000): () => ApiKey[] {
  let keys = readApiKeys(file);
  let readAt = Date.now();
  return () => {
    if (Date.now() - readAt >= refreshMs) {
      keys = readApiKeys(file);
      readAt = Date.now();
    }
    return keys;
  };
}
