/**
 * The one use of Node's `Buffer` in AppSync's subscription link: base64 of the real-time
 * handshake's JSON header, `Buffer.from(text).toString('base64')`. Browsers have no Buffer; this
 * gives the link exactly that (UTF-8, then base64) instead of a whole Buffer polyfill.
 */
interface Base64Only {
  toString(encoding: 'base64'): string;
}

function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const scope = globalThis as { Buffer?: unknown };
scope.Buffer ??= {
  from: (text: string): Base64Only => ({
    toString: (encoding: 'base64') => {
      if (encoding !== 'base64')
        throw new Error(`node-buffer: only base64 is provided, not ${String(encoding)}`);
      return utf8Base64(text);
    },
  }),
};
