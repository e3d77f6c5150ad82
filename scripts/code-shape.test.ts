/**
 * Two rules of how the code is kept (docs/ARCHITECTURE.md), checked on every tracked file: files
 * stay small enough to read whole, and tests wait on conditions, never on time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const MAX_LINES = 400;

const tracked = (...patterns: string[]) =>
  execFileSync('git', ['ls-files', '-z', '--', ...patterns], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');

test(`no source file is longer than ${MAX_LINES} lines (generated ones aside)`, () => {
  const long = tracked('*.ts', '*.tsx', '*.mjs')
    .filter((file) => !file.includes('/generated/'))
    .map((file) => ({ file, lines: text(file).split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES);
  expect(long).toEqual([]);
});

/** Where a timer in a test or its helpers is not a wait, and why. */
const TIMERS_THAT_ARE_NOT_WAITS: Record<string, string> = {
  'common/src/testing/poll.ts': 'the waiting module: its poll intervals and deadlines',
  'common/src/testing/message-log.ts': "the waiting module's message log: its deadline",
  'common/src/testing/tcp-proxy.ts': 'paces a simulated slow link',
  'transwrap/src/testing/file-recorder.ts': 'paces a recording at its timestamps',
  'transwrap/src/testing/ingest-client.ts': 'paces a recording at its timestamps',
  'transwrap/src/testing/raw-connection.ts': 'paces a slow sender',
  'app/src/content-security-policy.test.ts': 'runs an attempt in a task of its own; waits for nothing',
  'app/src/ui/update-prompt.test.ts':
    "queues behind workbox-window's own timer (equal timeouts run in order)",
  'common/src/testing/browser.test.ts': "a deadline inside the page, failing the page's own wait",
  'transwrap/src/slate.test.ts': 'the seller stays away as long as the scenario says (the outage)',
  'app/src/routes/watch/seller-away.test.ts':
    'the seller stays offline as long as the scenario says (the outage)',
  'app/src/routes/broadcaster/page-hidden.test.ts':
    'the seller stays in another tab as long as the scenario says',
};

test('tests wait on conditions (poll, until, within, a message log), not on time', () => {
  const timers = tracked('*.test.ts', '*.test.tsx', '**/testing/**')
    .filter((file) => /\.tsx?$/.test(file) && !(file in TIMERS_THAT_ARE_NOT_WAITS))
    .flatMap((file) =>
      text(file)
        .split('\n')
        .flatMap((line, index) =>
          /(?<!jest\.)setTimeout\(|\bsleep\(|timers\/promises/.test(line) ? [`${file}:${index + 1}`] : [],
        ),
    );
  // A new one: wait for what the time stood for with common/src/testing/poll.ts instead.
  expect(timers).toEqual([]);
});

test('every file the timer list excuses still has a timer (the list stays true)', () => {
  const stale = Object.keys(TIMERS_THAT_ARE_NOT_WAITS).filter((file) => !/setTimeout\(/.test(text(file)));
  expect(stale).toEqual([]);
});
