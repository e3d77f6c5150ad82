/**
 * Settings from environment variables: a default for what is not set, typed values for what is,
 * and for a value that cannot work, one ConfigError naming the variable, showing the value and
 * saying what it may be.
 */
import { ConfigError, refused, settingsFrom } from './environment';

const DEFAULTS = {
  HOST: '127.0.0.1',
  PORT: '8090',
  CAPACITY: '50',
  LAN: '',
  ORIGINS: '',
  ENDPOINT: '',
  ALARM_EMAIL: '',
};

const read = (env: Record<string, string | undefined>) => settingsFrom(env, DEFAULTS);

/** The message a read throws; fails the test if it does not throw a ConfigError. */
function refusal(readIt: () => unknown): string {
  try {
    readIt();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError, and the value was taken');
}

describe('text', () => {
  test('unset, empty or blank takes the default; a value is trimmed', () => {
    expect(read({}).text('HOST')).toBe('127.0.0.1');
    expect(read({ HOST: '' }).text('HOST')).toBe('127.0.0.1');
    expect(read({ HOST: '   ' }).text('HOST')).toBe('127.0.0.1');
    expect(read({ HOST: ' 0.0.0.0 ' }).text('HOST')).toBe('0.0.0.0');
  });

  test('a check refuses a value it does not pass, and never an empty default', () => {
    const email = { test: (value: string) => value.includes('@'), allowed: 'an email address' };
    expect(read({}).text('ALARM_EMAIL', email)).toBe('');
    expect(read({ ALARM_EMAIL: 'ops@example.com' }).text('ALARM_EMAIL', email)).toBe('ops@example.com');
    expect(refusal(() => read({ ALARM_EMAIL: 'ops' }).text('ALARM_EMAIL', email))).toBe(
      'ALARM_EMAIL=ops must be an email address.',
    );
  });
});

describe('integer', () => {
  test('the default, or a whole number within the bounds', () => {
    expect(read({}).integer('CAPACITY', { min: 1 })).toBe(50);
    expect(read({ CAPACITY: '7' }).integer('CAPACITY', { min: 1 })).toBe(7);
    expect(read({ CAPACITY: '0' }).integer('CAPACITY', { min: 0, max: 10 })).toBe(0);
    expect(read({ CAPACITY: '10' }).integer('CAPACITY', { min: 0, max: 10 })).toBe(10);
  });

  test.each([
    ['many', { min: 1 }, 'CAPACITY=many must be a whole number, 1 or more.'],
    ['0', { min: 1 }, 'CAPACITY=0 must be a whole number, 1 or more.'],
    ['1.5', { min: 0 }, 'CAPACITY=1.5 must be a whole number, 0 or more.'],
    ['-3', { min: 0 }, 'CAPACITY=-3 must be a whole number, 0 or more.'],
    ['1e3', { min: 0 }, 'CAPACITY=1e3 must be a whole number, 0 or more.'],
    ['0x10', { min: 0 }, 'CAPACITY=0x10 must be a whole number, 0 or more.'],
    ['99999999999999999999', { min: 0 }, 'CAPACITY=99999999999999999999 must be a whole number, 0 or more.'],
    ['11', { min: 0, max: 10 }, 'CAPACITY=11 must be a whole number from 0 to 10.'],
    [
      '11',
      { min: 0, max: 10, note: '0: none' },
      'CAPACITY=11 must be a whole number from 0 to 10 (0: none).',
    ],
  ])('refuses %j with bounds %j', (value, bounds, message) => {
    expect(refusal(() => read({ CAPACITY: value }).integer('CAPACITY', bounds))).toBe(message);
  });
});

describe('port', () => {
  test('0 to 65535, 0 being "a free port"', () => {
    expect(read({}).port('PORT')).toBe(8090);
    expect(read({ PORT: '0' }).port('PORT')).toBe(0);
    expect(read({ PORT: '65535' }).port('PORT')).toBe(65535);
  });

  test.each(['65536', '-1', 'eighty', '80.5'])('refuses %s', (value) => {
    expect(refusal(() => read({ PORT: value }).port('PORT'))).toBe(
      `PORT=${value} must be a port number (0-65535; 0 picks a free port).`,
    );
  });
});

describe('flag', () => {
  test.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['No', false],
    ['1', true],
    ['TRUE', true],
    ['yes', true],
  ])('%j is %s', (value, expected) => {
    expect(read({ LAN: value }).flag('LAN')).toBe(expected);
  });

  test('refuses anything else', () => {
    expect(refusal(() => read({ LAN: 'maybe' }).flag('LAN'))).toBe(
      'LAN=maybe must be 1 or 0 (true or false).',
    );
  });
});

test('a list is comma-separated items, trimmed, without empty ones', () => {
  expect(read({}).list('ORIGINS')).toEqual([]);
  expect(read({ ORIGINS: ' https://a.example, ,https://b.example ,' }).list('ORIGINS')).toEqual([
    'https://a.example',
    'https://b.example',
  ]);
});

describe('url', () => {
  const protocols = ['http:', 'https:'];

  test('empty stays empty; a URL of an allowed protocol is taken as given', () => {
    expect(read({}).url('ENDPOINT', protocols)).toBe('');
    expect(read({ ENDPOINT: 'http://127.0.0.1:8001/' }).url('ENDPOINT', protocols)).toBe(
      'http://127.0.0.1:8001/',
    );
  });

  test.each(['localhost:8000', 'ftp://example.com', 'not a url'])('refuses %j', (value) => {
    expect(refusal(() => read({ ENDPOINT: value }).url('ENDPOINT', protocols))).toBe(
      `ENDPOINT=${value.includes(' ') ? `"${value}"` : value} must be a URL (http: or https:).`,
    );
  });
});

test('a value with spaces, quotes or nothing in it is shown quoted, so the message shows where it ends', () => {
  expect(refused('NAME', 'two words', 'one word').message).toBe('NAME="two words" must be one word.');
  expect(refused('NAME', 'say "hi"', 'plain').message).toBe('NAME="say \\"hi\\"" must be plain.');
  expect(refused('NAME', '', 'set').message).toBe('NAME="" must be set.');
  expect(refused('NAME', 'plain', 'plain').name).toBe('ConfigError');
});
