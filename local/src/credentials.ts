/**
 * The local stack's IAM credentials: what services (transwrap, event delivery) sign SigV4 requests
 * with. Made at random on first start, kept in the data folder (owner-only) so they survive restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The local AWS account: ARNs from local services (IVS channels, IAM callers) carry this id. */
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function loadOrCreateCredentials(dataDir: string): Credentials {
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials: Credentials = {
    // Same shape as AWS access key ids: 20 upper-case characters.
    accessKeyId: `AKIALOCAL${randomBytes(8).toString('hex').toUpperCase().slice(0, 11)}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
