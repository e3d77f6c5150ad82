/**
 * A workspace README's settings table, read the one way each workspace's config test checks it
 * against the defaults its code reads (environment.ts). The table is the first one whose first
 * column is headed `variable`:
 *
 * | variable                   | default     | meaning                         |
 * | -------------------------- | ----------- | ------------------------------- |
 * | `HOST`                     | `127.0.0.1` | address to listen on            |
 * | `PUBLIC_URL`               | _(empty)_   | WebSocket URL given to browsers |
 * | `AWS_APP_ID`, `AWS_BRANCH` | _(empty)_   | a row may name several          |
 *
 * A default is written as code (`127.0.0.1`) or `_(empty)_`; several, for cases the heading
 * names (amplify/: sandbox / branch), are separated by ` / ` and read as `1 / 2`.
 */

export interface SettingRow {
  name: string;
  /** The default cell without its code marks; `_(empty)_` reads as ''. */
  default: string;
  /** The third cell, as written. */
  meaning: string;
}

/** A table line's cells, trimmed (`\|` stays inside its cell). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** A default cell's value: code spans unwrapped, `_(empty)_` as '', cases kept apart by ' / '. */
function defaultValue(cell: string, variables: string[]): string {
  return cell
    .split(' / ')
    .map((value) => {
      if (value === '_(empty)_') return '';
      const code = /^`([^`]*)`$/.exec(value);
      if (!code)
        throw new Error(`${variables.join(', ')}: a default is \`code\` or _(empty)_, not "${value}"`);
      return code[1]!;
    })
    .join(' / ');
}

/** The settings table's rows, in order, one per variable. */
export function readmeSettings(markdown: string): SettingRow[] {
  const lines = markdown.split(/\r?\n/);
  const header = lines.findIndex((line) => line.startsWith('|') && cells(line)[0] === 'variable');
  if (header < 0) throw new Error('no settings table (a table whose first column is headed "variable")');
  const rows: SettingRow[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [names = '', value = '', meaning = ''] = cells(line);
    const variables = [...names.matchAll(/`([A-Za-z0-9_]+)`/g)].map(([, name]) => name!);
    if (variables.length === 0) throw new Error(`a settings row names no \`VARIABLE\`: ${line}`);
    const parsed = defaultValue(value, variables);
    for (const name of variables) rows.push({ name, default: parsed, meaning });
  }
  return rows;
}
