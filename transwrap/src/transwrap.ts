/**
 * One transwrap instance: the ingest server registered in the API as an endpoint, heartbeating its
 * load, and able to drain. main.ts runs it as a process; the local stack runs it as a service.
 */
import { randomUUID } from 'node:crypto';
import { resolveFfmpeg } from '@golive/common/binaries';
import { ecsTaskId } from './api/ecs-task';
import { SellerVerifier } from './api/seller-verifier';
import { TaskProtection } from './api/task-protection';
import { ControlPlane } from './api/control-plane';
import type { TranswrapConfig } from './config';
import { IngestServer, IngestServerEvent } from './server/ingest-server';
import { SlateMaker } from './relay/slate';
import { loadMetricFields } from './server/load-metric';
import { jsonLogger, type Logger } from './logger';

export interface RunningTranswrap {
  details: { id: string; url: string; healthUrl: string };
  /** DRAINING, clients told to move, closed at the deadline, STOPPED. */
  stop(): Promise<void>;
}

export async function startTranswrap(settings: TranswrapConfig, logger?: Logger): Promise<RunningTranswrap> {
  const config = {
    ...settings,
    endpointId: settings.endpointId || (await ecsTaskId()) || `tw-${randomUUID().slice(0, 8)}`,
  };
  const log = logger ?? jsonLogger({ endpoint: config.endpointId });
  const api = new ControlPlane(config.apiUrl, config.awsRegion);
  const ffmpeg = resolveFfmpeg();
  const server = new IngestServer(
    // The config carries every server and session setting; FFmpeg's location and the slates are added.
    { ...config, session: { ...config, ffmpeg, slates: new SlateMaker(ffmpeg, config.slateImage) } },
    api,
    new SellerVerifier(config.cognitoIssuer, config.cognitoClientIds),
    log,
  );
  const port = await server.listen();
  const url = config.publicUrl.replace(/:0\//, `:${port}/`);
  const healthUrl = `http://${config.host}:${port}/health`;
  await api.register({
    id: config.endpointId,
    url,
    region: config.region,
    capacity: config.capacity,
    status: 'ACTIVE',
  });
  log.info('ready', { url, health: healthUrl });

  // On ECS, a task carrying broadcasts is kept out of scale-in and deployments (api/task-protection.ts).
  const protection = new TaskProtection({ agentUri: process.env.ECS_AGENT_URI, log });
  server.on(IngestServerEvent.SessionsChanged, (count) => protection.setSessions(count));
  protection.setSessions(server.sessions.size); // any that opened before this line

  const heartbeat = setInterval(() => {
    if (config.loadMetricNamespace) {
      log.info(
        'load',
        loadMetricFields(
          config.loadMetricNamespace,
          config.loadMetricService,
          server.sessions.size,
          server.load,
        ),
      );
    }
    api
      .heartbeat(config.endpointId, server.sessions.size, server.load)
      .catch((error: unknown) =>
        log.error('heartbeat failed', { error: error instanceof Error ? error.message : String(error) }),
      );
  }, config.heartbeatIntervalMs);

  let stopped: Promise<void> | undefined;
  return {
    details: { id: config.endpointId, url, healthUrl },
    stop: () =>
      (stopped ??= (async () => {
        log.info('draining', { sessions: server.sessions.size });
        protection.stop();
        clearInterval(heartbeat);
        await api.setStatus(config.endpointId, 'DRAINING').catch(() => undefined);
        await server.drain(config.drainDeadlineMs);
        await server.close();
        await api.setStatus(config.endpointId, 'STOPPED').catch(() => undefined);
        api.stop();
        log.info('stopped');
      })()),
  };
}
