/**
 * The key pair this stack's Cognito signs tokens with: generated on first start, kept in the
 * Cognito data folder readable by this user only, so tokens survive a restart and no other stack
 * (nor anyone with cognito-local's npm package, whose key is public) can make one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

export const SIGNING_KEY_FILE = 'signing-key.json';
export const SIGNING_ALGORITHM = 'RS256';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  /** What the pool's JWKS publishes: the public half only. */
  publicJwk: JWK;
}

async function generate(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALGORITHM, use: 'sig' };
}

export async function loadOrCreateSigningKey(folder: string): Promise<SigningKey> {
  const file = join(folder, SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    // 'wx': never overwrite a key another start wrote meanwhile; 0600: the private key is a secret.
    writeFileSync(file, JSON.stringify(await generate()), { mode: 0o600, flag: 'wx' });
  }
  const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK & { kid: string };
  const { kty, n, e, kid, alg, use } = jwk;
  return {
    kid,
    privateKey: (await importJWK(jwk, SIGNING_ALGORITHM)) as KeyLike,
    publicKey: (await importJWK({ kty, n, e }, SIGNING_ALGORITHM)) as KeyLike,
    publicJwk: { kty, n, e, kid, alg, use },
  };
}
