/**
 * Where the sign-in persists between visits (an installed PWA stays signed in): the Cognito tokens,
 * encrypted with AES-GCM under a key the browser generates as non-extractable, both kept in
 * IndexedDB. Page script can read the ciphertext and hold the key, but never the key's bytes: a
 * copy of the storage (a leaked profile or backup, a script that dumps storage) yields nothing that
 * works anywhere else. Script running in the app while the user is signed in can still decrypt
 * and use them; the Content-Security-Policy is what keeps such script out. See app/README.md.
 */
import { createStore, del, get, set, update, type UseStore } from 'idb-keyval';
import type { Tokens } from './cognito-api';

/** Where the session's tokens persist. */
export interface TokenVault {
  load(): Promise<Tokens | undefined>;
  save(tokens: Tokens): Promise<void>;
  clear(): Promise<void>;
}

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

const DATABASE = 'golive-auth';
const KEY = 'key';
const SEALED = 'tokens';
/** Where versions before the vault kept the tokens, in plain text. */
const LEGACY_STORAGE_KEY = 'golive.tokens';

export class BrowserTokenVault implements TokenVault {
  private key: Promise<CryptoKey> | undefined;

  constructor(private readonly store: UseStore = createStore(DATABASE, 'vault')) {}

  async load(): Promise<Tokens | undefined> {
    const legacy = this.legacyTokens();
    if (legacy) {
      // Removed from localStorage only once sealed: a reload in between still finds them.
      await this.save(legacy);
      localStorage.removeItem(LEGACY_STORAGE_KEY);
      return legacy;
    }
    const sealed = await get<Sealed>(SEALED, this.store);
    if (!sealed) return undefined;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.iv },
        await this.cryptoKey(),
        sealed.ciphertext,
      );
      return JSON.parse(new TextDecoder().decode(plain)) as Tokens;
    } catch {
      // Sealed under a key that is gone (storage partly cleared): that session is over.
      await this.clear();
      return undefined;
    }
  }

  async save(tokens: Tokens): Promise<void> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = new TextEncoder().encode(JSON.stringify(tokens));
    const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await this.cryptoKey(), plain);
    await set(SEALED, { iv, ciphertext } satisfies Sealed, this.store);
  }

  async clear(): Promise<void> {
    await del(SEALED, this.store);
  }

  /** This browser's key: made once, kept as a CryptoKey object whose bytes no script can export. */
  private cryptoKey(): Promise<CryptoKey> {
    this.key ??= (async () => {
      const existing = await get<CryptoKey>(KEY, this.store);
      if (existing) return existing;
      const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      // Another tab may have made one meanwhile: the first one stored is everyone's key.
      await update<CryptoKey>(KEY, (stored) => stored ?? made, this.store);
      return (await get<CryptoKey>(KEY, this.store))!;
    })();
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }

  /** Tokens an older version left in localStorage (they move into the vault); unreadable ones go. */
  private legacyTokens(): Tokens | undefined {
    const saved = localStorage.getItem(LEGACY_STORAGE_KEY);
    if (saved === null) return undefined;
    try {
      return JSON.parse(saved) as Tokens;
    } catch {
      localStorage.removeItem(LEGACY_STORAGE_KEY);
      return undefined;
    }
  }
}
