/** `npm start`: runs the local stack until Ctrl-C or SIGTERM. */
import { banner } from './banner';
import { ConfigError, loadConfig } from './config';
import { startStack, type RunningStack } from './stack';
import { StackAlreadyRunningError } from './stack-lock';

// The AWS SDK warns on every start that releases after January 2027 need Node 22; the lock file
// pins today's release, and the README says so.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const log = (line: string) => console.log(line);

async function main() {
  const config = loadConfig();
  let stack: RunningStack | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      log(`${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    log(`\n${signal}: stopping the local stack...`);
    void (stack?.stop() ?? Promise.resolve()).then(() => {
      log('Local stack stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  log(`Starting the local stack (data in ${config.dataDir})...`);
  stack = await startStack(config, log);
  if (stopping) return void (await stack.stop());
  log(banner(stack.info));
}

main().catch((error: unknown) => {
  const expected = error instanceof ConfigError || error instanceof StackAlreadyRunningError;
  console.error(expected ? `Cannot start: ${error.message}` : error);
  process.exit(1);
});
