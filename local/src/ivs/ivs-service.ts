/**
 * The local IVS, run as a child of the stack: the control plane and HLS playback on one HTTP port,
 * the RTMP and RTMPS ingest, and Stream State Change events delivered to the API.
 */
import { resolveFfmpeg } from '@golive/common/binaries';
import { join } from 'node:path';
import { LOCAL_ACCOUNT_ID, type Credentials } from '../credentials';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { IvsClient } from '@aws-sdk/client-ivs';
import { createViewerCountPoller, reportThroughApi } from '@golive/resolvers/lambda/viewer-counts';
import { createIvsControlPlane } from './control-plane';
import { EventDelivery } from '../events/event-delivery';
import { serveHls } from './hls/hls-server';
import { LiveStreams } from './hls/live-streams';
import { IvsStore } from './ivs-store';
import { INGEST_APP, RtmpIngest } from './rtmp-ingest';
import { ensureCertificate } from './tls-certificate';

export interface IvsServiceConfig extends HttpServiceConfig {
  region: string;
  credentials: Credentials;
  rtmpPort: number;
  rtmpsPort: number;
  /** Where events go: the GraphQL API (it may start after this service; deliveries retry). */
  graphqlUrl: string;
  /** The origin playback URLs name when players reach HLS through another (LAN mode's); default this service's. */
  playbackOrigin?: string;
}

export interface IvsServiceDetails {
  endpoint: string;
  rtmpUrl: string;
  rtmpsUrl: string;
  hlsBaseUrl: string;
  /** The RTMPS certificate clients should trust (self-signed). */
  caCertificate: string;
}

/** How often the local stack reads IVS's viewer counts (the deployed schedule: every minute). */
const VIEWER_COUNT_POLL_MS = 2000;

export async function startIvsService(config: IvsServiceConfig, log: (line: string) => void = console.log) {
  const store = new IvsStore(config.path);
  const hlsDir = join(config.path, 'hls');
  const live = new LiveStreams();
  const certificate = await ensureCertificate(join(config.path, 'tls'));
  const events = new EventDelivery(
    { graphqlUrl: config.graphqlUrl, region: config.region, credentials: config.credentials },
    log,
  );
  const ingest = new RtmpIngest({
    store,
    host: config.host,
    rtmpPort: config.rtmpPort,
    rtmpsPort: config.rtmpsPort,
    certificate,
    ffmpeg: resolveFfmpeg(),
    hlsDir,
    live,
    region: config.region,
    accountId: LOCAL_ACCOUNT_ID,
    onEvent: (event) => void events.deliver(event),
    log,
  });
  await ingest.start();
  const baseUrl = config.playbackOrigin ?? `http://${config.host}:${config.port}`;
  const server = createIvsControlPlane({
    store,
    region: config.region,
    accountId: LOCAL_ACCOUNT_ID,
    credentials: config.credentials,
    ingestEndpoint: `${config.host}:${config.rtmpsPort}`,
    playbackBaseUrl: baseUrl,
    serveOther: (request, response) => serveHls(hlsDir, live, request, response),
    viewerCount: (channelId) => live.viewerCount(channelId),
  });
  const running = await listenHttp(server, config);
  // The scheduled viewer-count poller amplify/ deploys, run here on a timer against this IVS.
  const ivs = new IvsClient({
    endpoint: running.details.endpoint,
    region: config.region,
    credentials: config.credentials,
  });
  const pollViewerCounts = createViewerCountPoller(
    ivs,
    reportThroughApi(ivs, config.graphqlUrl, config.region),
  );
  // A tick while a poll is still out (the API slow or down) is skipped, not queued behind it.
  let polling: Promise<void> | undefined;
  const poller = setInterval(() => {
    polling ??= pollViewerCounts()
      .catch((error: unknown) => log(`viewer counts: ${String(error)}`))
      .finally(() => (polling = undefined));
  }, VIEWER_COUNT_POLL_MS);
  const details: IvsServiceDetails = {
    endpoint: running.details.endpoint,
    rtmpUrl: `rtmp://${config.host}:${config.rtmpPort}/${INGEST_APP}/`,
    rtmpsUrl: `rtmps://${config.host}:${config.rtmpsPort}/${INGEST_APP}/`,
    hlsBaseUrl: `${baseUrl}/api/video/v1/`,
    caCertificate: certificate.certPath,
  };
  return {
    details,
    stop: async () => {
      clearInterval(poller);
      await polling;
      ivs.destroy();
      await ingest.stop();
      server.closeAllConnections();
      await running.stop();
    },
  };
}

if (require.main === module) runService('ivs', () => startIvsService(serviceArgument<IvsServiceConfig>()));
