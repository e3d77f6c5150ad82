/** The README's settings table and the code's defaults say the same thing. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeSettings } from '@golive/common/settings/readme-table';
import { ConfigError, DEFAULTS, loadConfig } from './config';

test('every setting is documented with its default, and nothing else is', () => {
  const rows = readmeSettings(readFileSync(join(__dirname, '..', 'README.md'), 'utf8'));
  expect(Object.fromEntries(rows.map((row) => [row.name, row.default]))).toEqual(DEFAULTS);
});

const REQUIRED = {
  API_URL: 'http://x/graphql',
  COGNITO_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
  COGNITO_CLIENT_IDS: 'web, admin-console',
};

test('the API and the user pool are required, and numbers must be numbers', () => {
  expect(() => loadConfig({})).toThrow(/API_URL is required/);
  expect(() => loadConfig({ API_URL: REQUIRED.API_URL })).toThrow(/COGNITO_ISSUER and COGNITO_CLIENT_IDS/);
  expect(() => loadConfig({ ...REQUIRED, CAPACITY: 'many' })).toThrow(ConfigError);
  expect(() => loadConfig({ ...REQUIRED, CAPACITY: 'many' })).toThrow(
    'CAPACITY=many must be a whole number, 1 or more.',
  );
  expect(loadConfig({ ...REQUIRED, PORT: '0' })).toMatchObject({
    port: 0,
    capacity: 50,
    allowedOrigins: [],
    cognitoClientIds: ['web', 'admin-console'],
  });
});
