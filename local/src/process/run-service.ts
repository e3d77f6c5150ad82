/**
 * The child side of a local service. It waits for its config from the stack (over IPC), starts
 * the service, tells the stack it is ready, and stops cleanly on SIGTERM, on Ctrl-C, or when the
 * stack's IPC channel goes away (the stack was killed), so no service outlives the stack.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isConfigMessage, type ReadyMessage } from './messages';

/** What the stack tells every HTTP service: where to listen and where to keep its state. */
export interface HttpServiceConfig {
  host: string;
  port: number;
  path: string;
}

export interface HttpServiceDetails {
  endpoint: string;
}

export interface RunningService<Details> {
  details: Details;
  stop(): Promise<void>;
}

let received: { config: unknown } | undefined;

/**
 * This service's config, as the stack sent it over the IPC channel before `start` was called.
 * Never in argv or the environment: /proc/<pid>/cmdline is readable by every local user, and the
 * config holds the stack's IAM secret.
 */
export function serviceArgument<T>(): T {
  if (!received) throw new Error('service started without its config (run it from the stack)');
  return received.config as T;
}

function receiveConfig(): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.connected) return reject(new Error('no IPC channel: services are started by the stack'));
    const onMessage = (message: unknown) => {
      if (!isConfigMessage(message)) return;
      process.off('message', onMessage);
      received = { config: message.config };
      resolve();
    };
    process.on('message', onMessage);
  });
}

/** Listens on host:port and reports the endpoint; stopping closes the server. */
const IDLE_CONNECTION_MS = 60_000;

export async function listenHttp(
  server: Server,
  { host, port }: Pick<HttpServiceConfig, 'host' | 'port'>,
): Promise<RunningService<HttpServiceDetails>> {
  // AWS's endpoints keep an idle connection for about a minute; Node's default is 5 s, and a
  // client reusing a connection just as the server closes it fails with "other side closed"
  // (seen under load, when the client's own 1 s margin is eaten by a busy event loop).
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    details: { endpoint: `http://${host}:${address.port}` },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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

  receiveConfig()
    .then(start)
    .then(
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
