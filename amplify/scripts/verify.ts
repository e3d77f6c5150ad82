/**
 * `npm run verify [-- --outputs <amplify_outputs.json> | --local [<data folder>]]`: proves a
 * deployment works end to end, as a seller and a viewer would use it. It makes a temporary seller
 * with your AWS credentials (locally the stack's), signs in as the PWA does, creates a channel,
 * goes live through the real ingest edge (wss:// through CloudFront in AWS) with a live FFmpeg
 * test pattern, sees LIVE, plays the stream, stops, sees OFFLINE, and deletes what it created.
 * Each step prints a check mark or what failed and its likely cause; any failure exits 1.
 */
import { MissingBinaryError, resolveFfmpeg } from '@golive/common/binaries';
import { UsageError } from './deployed-outputs';
import { loadTarget } from './verify/outputs';
import { runVerify } from './verify/run-verify';

async function main(args: string[]): Promise<number> {
  const target = await loadTarget(args);
  try {
    // Before anything is created: the test pattern needs FFmpeg on this machine.
    resolveFfmpeg();
  } catch (error) {
    if (error instanceof MissingBinaryError) throw new UsageError(error.message);
    throw error;
  }
  // Ctrl-C (or SIGTERM) stops the checks, not the clean-up, which is bounded by its own time
  // limits. Later signals are ignored: `npm run` forwards the terminal's Ctrl-C, so one press
  // arrives twice.
  const interrupt = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (interrupt.signal.aborted) return;
      console.log(`${signal}: stopping; deleting what this run created first.`);
      interrupt.abort();
    });
  return (await runVerify(target, (line) => console.log(line), interrupt.signal)) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  // Exit now: nothing this run opened is still needed (clean-up is done).
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
