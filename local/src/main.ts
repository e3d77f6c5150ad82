/**
 * `npm start`: runs the local stack until Ctrl-C, SIGTERM or SIGHUP (the terminal closed), or
 * until the process that started it is gone, whichever comes first; then stops it cleanly.
 */
import { banner } from './banner';
import { lanBanner } from './lan/lan-banner';
import { ConfigError, loadConfig } from './config';
import { startStack } from './stack';
import { StackAlreadyRunningError } from './stack-lock';
import { ServiceStartError } from './process/service-process';

const ORPHAN_CHECK_MS = 1000;
const PORT_HINT =
  'Another program is using that port: stop it, or choose another port with the variables in local/README.md (0 picks a free one).';

// The AWS SDK warns on every start that releases after January 2027 need Node 22; the lock file
// pins today's release, and the README says so.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const log = (line: string) => console.log(line);

// Output is best effort: a terminal that closed (SIGHUP) must not crash the stack while it stops.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

/**
 * npm runs this under `sh -c`, and stopping npm (SIGTERM from a process manager or an IDE) kills
 * that shell, not this process: the stack would run on, orphaned, holding its ports. So the stack
 * lives only as long as the process that started it; Linux tells a child nothing when its parent
 * dies, hence the check.
 */
function whenOrphaned(then: () => void) {
  const parent = process.ppid;
  const check = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(check);
    then();
  }, ORPHAN_CHECK_MS);
  check.unref();
}

/** `npm start -- --lan` is LOCAL_LAN=1; nothing else is taken from the command line. */
function applyArguments(args: string[]) {
  for (const arg of args) {
    if (arg === '--lan') process.env.LOCAL_LAN = '1';
    else
      throw new ConfigError(
        `unknown option ${arg} (the one option is --lan; settings are in local/README.md)`,
      );
  }
}

async function main() {
  applyArguments(process.argv.slice(2));
  const config = loadConfig();
  log(`Starting the local stack (data in ${config.dataDir})...`);
  const starting = startStack(config, log);

  // A signal during start-up waits for the services being started, then stops them all.
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) {
      log(`${signal} again: stopping now.`);
      process.exit(1);
    }
    signalled = true;
    log(`\n${signal}: stopping the local stack...`);
    void starting
      .then((stack) => stack.stop())
      .then(
        () => {
          log('Local stack stopped.');
          process.exit(0);
        },
        () => process.exit(1),
      );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
  whenOrphaned(() => shutdown('The process that started the stack is gone'));

  const stack = await starting;
  if (!signalled) log(banner(stack.info) + (stack.info.lan ? await lanBanner(stack.info.lan) : ''));
  void stack.failed.then((reason) => {
    console.error(`The local stack stopped: ${reason}.`);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  const expected =
    error instanceof ConfigError ||
    error instanceof StackAlreadyRunningError ||
    error instanceof ServiceStartError;
  if (!expected) console.error(error);
  else
    console.error(
      `Cannot start: ${error.message}${error.message.includes('EADDRINUSE') ? `\n${PORT_HINT}` : ''}`,
    );
  process.exit(1);
});
