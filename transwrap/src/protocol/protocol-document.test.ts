/**
 * PROTOCOL.md and the code say the same thing: every message the document shows is one the
 * validators accept, in the direction it says, and every message type has its section; the close
 * code table lists exactly the codes the code has, with what the PWA's client really does after
 * each; the limits table's defaults are the settings' defaults.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeMeaning } from '../client/reconnect-policy';
import { DEFAULTS, type Setting } from '../config';
import { CLOSE_HANDSHAKE_GRACE_MS } from '../session/close-socket';
import {
  CLIENT_MESSAGE_TYPES,
  CloseCode,
  parseClientMessage,
  parseServerMessage,
  SERVER_MESSAGE_TYPES,
} from './messages';

const document = readFileSync(join(__dirname, '..', '..', 'PROTOCOL.md'), 'utf8');

/** The text of the section under `heading` (a `## ` line), up to the next one. */
function section(heading: string): string {
  const start = document.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`PROTOCOL.md has no section "${heading}"`);
  const end = document.indexOf('\n## ', start + 1);
  return document.slice(start, end < 0 ? undefined : end);
}

/** A table's body rows, each as its cells. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

/** Each message section: its type, its direction, and the JSON examples in it. */
const messageSections = [
  ...section('Messages').matchAll(/^### `(\w+)` \((\w+) -> (\w+)\)\n([\s\S]*?)(?=^### |$(?![\s\S]))/gm),
].map(([, type, from, , body]) => ({
  type: type!,
  from: from!,
  examples: [...body!.matchAll(/```json\n([\s\S]*?)```/g)].map(([, json]) => json!),
}));

describe('messages', () => {
  test('every message type in the code has its section, with its direction, and nothing else has one', () => {
    const sections = (from: string) =>
      messageSections
        .filter((each) => each.from === from)
        .map((each) => each.type)
        .sort();
    expect(sections('client')).toEqual([...CLIENT_MESSAGE_TYPES].sort());
    expect(sections('server')).toEqual([...SERVER_MESSAGE_TYPES].sort());
  });

  test.each(messageSections.map((each) => [each.type, each] as const))(
    'the example of `%s` is one the validators accept',
    (type, { from, examples }) => {
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        const parsed = from === 'client' ? parseClientMessage(example) : parseServerMessage(example);
        expect(parsed).toMatchObject({ type });
      }
    },
  );
});

describe('close codes', () => {
  const rows = tableRows(section('Close codes'));

  test('the table lists exactly the codes the code has', () => {
    expect(rows.map(([code]) => Number(code))).toEqual(Object.values(CloseCode).sort((a, b) => a - b));
  });

  test.each(rows.map(([code, , , client]) => [Number(code), client!] as const))(
    "after %i, the PWA's client: %s",
    (code, client) => {
      expect(closeMeaning(code)).toBe(client);
    },
  );
});

describe('limits', () => {
  /** Limits that are constants in the code rather than settings. */
  const CONSTANTS: Record<string, number> = { 'close handshake': CLOSE_HANDSHAKE_GRACE_MS };

  test.each(
    tableRows(section('Limits and timing')).map(
      ([limit, setting, value]) => [limit!, setting!, value!] as const,
    ),
  )('%s: %s defaults to %s', (limit, setting, value) => {
    const settings = [...setting.matchAll(/`([A-Z_]+)`/g)].map(([, name]) => name as Setting);
    const expected =
      settings.length > 0 ? settings.map((name) => Number(DEFAULTS[name])) : [CONSTANTS[limit]];
    // The figures written, leaving out the friendlier forms in parentheses.
    const written = [...value.replace(/\(.*?\)/g, '').matchAll(/\d+/g)].map(([digits]) => Number(digits));
    expect(written).toEqual(expected);
  });
});
