/** The README's settings table and the code's defaults say the same thing. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DEFAULTS, loadConfig } from './config';

test('every setting is documented with its default, and nothing else is', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `([A-Z_]+)`\s*\| (?:`([^`]*)`|_\(empty\)_)\s*\|/gm)].map(
    ([, name, value]) => [name, value ?? ''],
  );
  expect(Object.fromEntries(rows)).toEqual(DEFAULTS);
});

test('API_URL is required, and numbers must be numbers', () => {
  expect(() => loadConfig({})).toThrow(ConfigError);
  expect(() => loadConfig({ API_URL: 'http://x/graphql', CAPACITY: 'many' })).toThrow(/CAPACITY=many/);
  expect(loadConfig({ API_URL: 'http://x/graphql', PORT: '0' })).toMatchObject({
    port: 0,
    capacity: 50,
    allowedOrigins: [],
  });
});
