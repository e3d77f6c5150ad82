/**
 * Settings from environment variables, each with a default: the one reader transwrap, the local
 * stack and a deployment (amplify/) read theirs with. Each workspace keeps a table of its
 * variables and their defaults (as strings, as its README's settings table shows them:
 * readme-table.ts) and reads it through `settingsFrom(env, DEFAULTS)`.
 *
 * A variable unset, empty or only spaces takes its default; values are trimmed. A value that
 * cannot work throws a ConfigError that names the variable, shows the value and says what it
 * may be: `PORT=eighty must be a port number (0-65535; 0 picks a free port).`
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** A setting that cannot work; the message names the variable and says what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** What an integer setting may be; the message for a value outside says so. */
export interface IntegerBounds {
  /** 0 or more: a setting's numbers are written with digits only. */
  min: number;
  /** Unbounded when left out. */
  max?: number;
  /** Said after the bounds in the message, in parentheses: what a special value means. */
  note?: string;
}

/** A text setting's check, for a value that is set (an empty default is never checked). */
export interface TextCheck {
  test: (value: string) => boolean;
  /** What the value may be, as the message ends: "... must be `allowed`." */
  allowed: string;
}

/** The error for a value that cannot work: `NAME=value must be <allowed>.` */
export function refused(name: string, value: string, allowed: string): ConfigError {
  const shown = /^[^\s"]+$/.test(value) ? value : JSON.stringify(value);
  return new ConfigError(`${name}=${shown} must be ${allowed}.`);
}

const FALSE = ['', '0', 'false', 'no'];
const TRUE = ['1', 'true', 'yes'];

export interface SettingsReader<Name extends string> {
  /** The value, trimmed; the default when unset or blank. Checked when `check` is given and it is not empty. */
  text(name: Name, check?: TextCheck): string;
  /** A whole number (digits only, no sign, no exponent) within the bounds. */
  integer(name: Name, bounds: IntegerBounds): number;
  /** A TCP port: 0 to 65535, where 0 asks the system for a free one. */
  port(name: Name): number;
  /** 1, true, yes or 0, false, no, in any case; empty is false. */
  flag(name: Name): boolean;
  /** Comma-separated items, each trimmed; empty items are dropped. */
  list(name: Name): string[];
  /** A URL whose protocol is one of `protocols` ('https:', ...), as given; empty stays empty. */
  url(name: Name, protocols: readonly string[]): string;
}

/** Reads `env` (process.env by default in the workspaces' loaders), falling back to `defaults`. */
export function settingsFrom<Name extends string>(
  env: Env,
  defaults: Readonly<Record<Name, string>>,
): SettingsReader<Name> {
  const text = (name: Name, check?: TextCheck): string => {
    const value = env[name]?.trim() || defaults[name];
    if (check && value !== '' && !check.test(value)) throw refused(name, value, check.allowed);
    return value;
  };
  const whole = (name: Name, min: number, max: number, allowed: string): number => {
    const value = text(name);
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max)
      throw refused(name, value, allowed);
    return number;
  };
  return {
    text,
    integer: (name, { min, max, note }) => {
      const bounds = max === undefined ? `, ${min} or more` : ` from ${min} to ${max}`;
      return whole(name, min, max ?? Infinity, `a whole number${bounds}${note ? ` (${note})` : ''}`);
    },
    port: (name) => whole(name, 0, 65535, 'a port number (0-65535; 0 picks a free port)'),
    flag: (name) => {
      const value = text(name).toLowerCase();
      if (FALSE.includes(value)) return false;
      if (TRUE.includes(value)) return true;
      throw refused(name, text(name), '1 or 0 (true or false)');
    },
    list: (name) =>
      text(name)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    url: (name, protocols) =>
      text(name, {
        test: (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
        allowed: `a URL (${protocols.join(' or ')})`,
      }),
  };
}
