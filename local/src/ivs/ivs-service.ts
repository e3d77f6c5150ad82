/** The IVS control-plane emulator, run as a child of the stack (see process/run-service.ts). */
import type { Credentials } from '../credentials';
import { LOCAL_ACCOUNT_ID } from '../credentials';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { createIvsControlPlane } from './control-plane';
import { IvsStore } from './ivs-store';

export interface IvsServiceConfig extends HttpServiceConfig {
  region: string;
  credentials: Credentials;
  /** host:port of the RTMP(S) ingest, reported as channels' ingestEndpoint. */
  ingestEndpoint: string;
  /** Base URL of the HLS server, for channels' playbackUrl. */
  playbackBaseUrl: string;
}

runService('ivs', () => {
  const config = serviceArgument<IvsServiceConfig>();
  const server = createIvsControlPlane({
    store: new IvsStore(config.path),
    region: config.region,
    accountId: LOCAL_ACCOUNT_ID,
    credentials: config.credentials,
    ingestEndpoint: config.ingestEndpoint,
    playbackBaseUrl: config.playbackBaseUrl,
  });
  return listenHttp(server, config);
});
