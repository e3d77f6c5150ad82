/**
 * transwrap: registers as an endpoint, relays broadcasts, heartbeats its load, and on SIGTERM
 * drains (DRAINING, clients told to move) before reporting STOPPED and exiting.
 */
import { resolveFfmpeg } from '@golive/common/binaries';
import { ControlPlane } from './api/control-plane';
import { loadConfig } from './config';
import { IngestServer } from './server/ingest-server';
import { jsonLogger } from './server/logger';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = loadConfig();
  const log = jsonLogger({ endpoint: config.endpointId });
  const api = new ControlPlane(config.apiUrl, config.awsRegion);
  const server = new IngestServer(
    {
      host: config.host,
      port: config.port,
      allowedOrigins: config.allowedOrigins,
      capacity: config.capacity,
      maxConnectionsPerAddress: config.maxConnectionsPerAddress,
      session: {
        endpointId: config.endpointId,
        ffmpeg: resolveFfmpeg(),
        helloTimeoutMs: config.helloTimeoutMs,
        idleTimeoutMs: config.idleTimeoutMs,
        maxMessageBytes: config.maxMessageBytes,
        queueAdviceBytes: config.queueAdviceBytes,
        queueLimitBytes: config.queueLimitBytes,
        statsIntervalMs: config.statsIntervalMs,
      },
    },
    api,
    log,
  );
  const port = await server.listen();
  const publicUrl = config.publicUrl.replace(/:0\//, `:${port}/`);
  await api.register({
    id: config.endpointId,
    url: publicUrl,
    region: config.region,
    capacity: config.capacity,
    status: 'ACTIVE',
  });
  log.info('ready', { url: publicUrl, health: `http://${config.host}:${port}/health` });
  // For whoever started us (the local stack, tests): where we are, on one line.
  process.send?.({
    type: 'ready',
    details: { id: config.endpointId, url: publicUrl, healthUrl: `http://${config.host}:${port}/health` },
  });

  const heartbeat = setInterval(() => {
    api
      .heartbeat(config.endpointId, server.sessions.size, server.load)
      .catch((error: unknown) =>
        log.error('heartbeat failed', { error: error instanceof Error ? error.message : String(error) }),
      );
  }, config.heartbeatIntervalMs);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('draining', { signal, sessions: server.sessions.size });
    clearInterval(heartbeat);
    await api.setStatus(config.endpointId, 'DRAINING').catch(() => undefined);
    await server.drain(config.drainDeadlineMs);
    await server.close();
    await api.setStatus(config.endpointId, 'STOPPED').catch(() => undefined);
    api.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`transwrap cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
