/**
 * nextToken for DynamoDB pages. AppSync's tokens are opaque and encrypted; so are these, so a
 * client cannot forge a start key to probe a table.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type StartKey = Record<string, AttributeValue>;

export class PageTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`golive-page-token:${secret}`).digest();
  }

  /** `scope` (table and index) is bound in, so a token works only where it was issued. */
  seal(startKey: StartKey, scope: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(scope));
    const body = Buffer.concat([cipher.update(JSON.stringify(startKey), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** undefined when the token was not made by seal() with this secret. */
  open(token: string, scope: string): StartKey | undefined {
    try {
      const raw = Buffer.from(token, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(scope));
      decipher.setAuthTag(raw.subarray(12, 28));
      const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return JSON.parse(json) as StartKey;
    } catch {
      return undefined;
    }
  }
}
