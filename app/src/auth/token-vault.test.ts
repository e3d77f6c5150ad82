/**
 * Where a signed-in seller's tokens live, looked at as script in the page (an XSS) would look:
 * nowhere in page-readable storage as text, only as ciphertext under a key whose bytes cannot be
 * exported; and the session still survives a reload. Tokens an older version left in localStorage
 * move into the vault on the next start.
 */
import type { Page } from 'playwright-core';
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, useAppBrowser } from '../testing/app-browser';
import { CognitoApi } from './cognito-api';

const api = useApiStack('app-token-vault');
const browser = useAppBrowser(api);

interface KeyFound {
  extractable: boolean;
  /** What exporting its bytes gave: 'exported', or the error's name. */
  exported: string;
}

/**
 * Everything page script can read without the app's help, as text: Web Storage, cookies, every
 * IndexedDB value (binary as Latin-1 and base64), and the service worker's caches; and what it
 * can do with the CryptoKeys it finds.
 */
function pageReadableStorage(page: Page): Promise<{ text: string; keys: KeyFound[] }> {
  return page.evaluate(async () => {
    const texts: string[] = [document.cookie];
    const keys: CryptoKey[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index)!;
        texts.push(key, storage.getItem(key) ?? '');
      }
    }
    const asText = (value: unknown): string => {
      if (value instanceof CryptoKey) {
        keys.push(value);
        return '';
      }
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes =
          value instanceof ArrayBuffer
            ? new Uint8Array(value)
            : new Uint8Array(value.buffer, value.byteOffset);
        const latin1 = String.fromCharCode(...bytes);
        return `${latin1} ${btoa(latin1)}`;
      }
      if (value && typeof value === 'object') return Object.values(value).map(asText).join(' ');
      return String(value);
    };
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      for (const store of db.objectStoreNames) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        });
        texts.push(...values.map(asText));
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) texts.push(await (await cache.match(request))!.text());
    }
    const found = await Promise.all(
      keys.map(async (key) => ({
        extractable: key.extractable,
        exported: await crypto.subtle.exportKey('raw', key).then(
          () => 'exported',
          (error: Error) => error.name,
        ),
      })),
    );
    return { text: texts.join('\n'), keys: found };
  });
}

test('after signing in, page script finds no token as text and cannot export the key; a reload keeps the session', async () => {
  const { page } = browser.current;
  // The tokens Cognito hands this browser at sign-in.
  const signedIn = page.waitForResponse(
    (response) => response.request().postData()?.includes('USER_PASSWORD_AUTH') === true,
  );
  const seller = demoUser(api.stack.info, 'sellers');
  await browser.current.signIn(seller.username, seller.password);
  const { AuthenticationResult: tokens } = (await (await signedIn).json()) as {
    AuthenticationResult: { IdToken: string; AccessToken: string; RefreshToken: string };
  };
  expect(tokens.RefreshToken.length).toBeGreaterThan(20);

  const storage = await pageReadableStorage(page);
  expect(storage.text).not.toContain(tokens.RefreshToken);
  expect(storage.text).not.toContain(tokens.AccessToken);
  expect(storage.text).not.toContain(tokens.IdToken);
  // The tokens are sealed under a key that is there for the app to use, but whose bytes cannot be had.
  expect(storage.keys).toEqual([{ extractable: false, exported: 'InvalidAccessError' }]);

  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  // And signing out leaves nothing to decrypt.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Sign in' }).waitFor();
  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: 'Sign in' }).waitFor();
});

test('tokens an older version kept in localStorage move into the vault, and the seller stays signed in', async () => {
  const { info } = api.stack;
  const seller = demoUser(info, 'sellers');
  const tokens = await new CognitoApi(info.cognito.endpoint, info.cognito.clientId).signIn(
    seller.username,
    seller.password,
  );
  const { page } = browser.current;
  await browser.current.open('/sign-in');
  await page.evaluate((saved) => localStorage.setItem('golive.tokens', saved), JSON.stringify(tokens));

  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  const storage = await pageReadableStorage(page);
  expect(storage.text).not.toContain(tokens.refreshToken);
  expect(await page.evaluate(() => localStorage.getItem('golive.tokens'))).toBeNull();
  // Moved, not merely dropped: the next start still finds the session.
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
});
