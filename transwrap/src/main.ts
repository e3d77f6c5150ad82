/** `node --import tsx transwrap/src/main.ts`: one instance, configured by env vars; SIGTERM drains. */
import { loadConfig } from './config';
import { startTranswrap } from './transwrap';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const running = await startTranswrap(loadConfig());
  // For whoever started us with an IPC channel (tests): where we are.
  process.send?.({ type: 'ready', details: running.details });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`transwrap cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
