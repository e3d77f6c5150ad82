/**
 * A README's settings table, as the workspaces' config tests read it: one row per variable with
 * its default as the code writes it, from the first table headed `variable`.
 */
import { readmeSettings } from './readme-table';

const README = `# a workspace

| file        | what it is         |
| ----------- | ------------------ |
| \`config.ts\` | settings (below)   |

## Settings

| variable                   | default     | meaning                          |
| -------------------------- | ----------- | -------------------------------- |
| \`HOST\`                     | \`127.0.0.1\` | address to listen on             |
| \`PUBLIC_URL\`               | _(empty)_   | default \`ws://HOST:PORT/ingest\` |
| \`MIN_TASKS\`                | \`1\` / \`2\`   | sandbox / branch                 |
| \`AWS_APP_ID\`, \`AWS_BRANCH\` | _(empty)_   | set by the host \\| or by you      |

After the table.

| variable | default | meaning      |
| -------- | ------- | ------------ |
| \`LATER\`  | \`x\`     | not the first |
`;

test('reads the first table headed "variable", one row per variable, defaults without code marks', () => {
  expect(readmeSettings(README)).toEqual([
    { name: 'HOST', default: '127.0.0.1', meaning: 'address to listen on' },
    { name: 'PUBLIC_URL', default: '', meaning: 'default `ws://HOST:PORT/ingest`' },
    { name: 'MIN_TASKS', default: '1 / 2', meaning: 'sandbox / branch' },
    { name: 'AWS_APP_ID', default: '', meaning: 'set by the host \\| or by you' },
    { name: 'AWS_BRANCH', default: '', meaning: 'set by the host \\| or by you' },
  ]);
});

test('reads Windows line ends too', () => {
  expect(readmeSettings(README.replace(/\n/g, '\r\n'))[0]).toEqual({
    name: 'HOST',
    default: '127.0.0.1',
    meaning: 'address to listen on',
  });
});

test('a README without the table, a row without a variable, or a default in words is refused, named', () => {
  expect(() => readmeSettings('# nothing here\n')).toThrow(
    'no settings table (a table whose first column is headed "variable")',
  );
  const table = (row: string) => `| variable | default | meaning |\n| - | - | - |\n${row}\n`;
  expect(() => readmeSettings(table('| HOST | `x` | no code marks on the name |'))).toThrow(
    'a settings row names no `VARIABLE`: | HOST | `x` | no code marks on the name |',
  );
  expect(() => readmeSettings(table('| `FROM` | required | words |'))).toThrow(
    'FROM: a default is `code` or _(empty)_, not "required"',
  );
  expect(() => readmeSettings(table('| `TASKS` | `1` / none | half words |'))).toThrow(
    'TASKS: a default is `code` or _(empty)_, not "none"',
  );
});
