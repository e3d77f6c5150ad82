/** `npm start`: runs the local stack until Ctrl-C or SIGTERM. */
import { banner } from './banner';
import { ConfigError, loadConfig } from './config';
import { startStack } from './stack';
import { StackAlreadyRunningError } from './stack-lock';
import { ServiceStartError } from './process/service-process';

const PORT_HINT =
  'Another program is using that port: stop it, or choose another port with the variables in local/README.md (0 picks a free one).';

// The AWS SDK warns on every start that releases after January 2027 need Node 22; the lock file
// pins today's release, and the README says so.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const log = (line: string) => console.log(line);

async function main() {
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
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const stack = await starting;
  if (!signalled) log(banner(stack.info));
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
