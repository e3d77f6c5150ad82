/** The PWA's static host, run by the local stack as a child service. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_DIST } from '@golive/common/repo-paths';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { amplifyOutputs, type BrowserFacts } from './amplify-outputs';
import { createAppServer } from './app-server';
import { exactBackend } from './content-security-policy';

export interface AppServiceConfig extends HttpServiceConfig {
  /** The built PWA. */
  dist: string;
  facts: BrowserFacts;
  /**
   * Where else pages connect, for the Content-Security-Policy: transwrap's WebSockets. Any port on
   * their hosts: the stack replaces a transwrap that died, on a new port when ports are picked free,
   * and tests and benchmarks run instances of their own beside the stack's.
   */
  ingestUrls: string[];
  /** IVS's HLS playback. */
  playbackUrl: string;
}

runService('app', async () => {
  const config = serviceArgument<AppServiceConfig>();
  const { dist, facts } = config;
  if (!existsSync(join(dist, 'index.html'))) {
    const build = dist === APP_DIST ? 'npm run build -w app' : 'copy a build there, or unset APP_DIR';
    throw new Error(`the PWA is not built: ${dist} has no index.html (${build})`);
  }
  const backend = exactBackend({
    connect: [facts.graphql.url, facts.graphql.realtimeUrl, facts.cognito.endpoint, config.playbackUrl],
    anyPort: config.ingestUrls,
    media: [config.playbackUrl],
  });
  return listenHttp(createAppServer(dist, amplifyOutputs(facts), backend), config);
});
