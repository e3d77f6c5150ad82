/**
 * The child side of a local service. It starts the service, tells the stack it is ready, and
 * stops cleanly on SIGTERM, on Ctrl-C, or when the stack's IPC channel goes away (the stack was
 * killed), so no service outlives the stack that started it.
 */
import type { ReadyMessage } from './messages';

export interface RunningService<Details> {
  details: Details;
  stop(): Promise<void>;
}

/** Config reaches a child as JSON in its first argument: no secrets in the environment of other children. */
export function serviceArgument<T>(): T {
  const raw = process.argv[2];
  if (!raw) throw new Error('service started without its JSON config argument');
  return JSON.parse(raw) as T;
}

export function runService<Details>(name: string, start: () => Promise<RunningService<Details>>): void {
  let stopping: Promise<void> | undefined;
  let running: RunningService<Details> | undefined;

  const stop = (reason: string) => {
    stopping ??= (async () => {
      try {
        await running?.stop();
      } catch (error) {
        console.error(`${name}: error while stopping (${reason}):`, error);
      } finally {
        process.exit(0);
      }
    })();
  };

  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('disconnect', () => stop('the stack went away'));

  start().then(
    (service) => {
      running = service;
      if (!process.connected) return stop('the stack went away');
      const ready: ReadyMessage<Details> = { type: 'ready', details: service.details };
      process.send?.(ready);
    },
    (error: unknown) => {
      console.error(`${name} failed to start:`, error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
