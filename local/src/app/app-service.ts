/** The PWA's static host, run by the local stack as a child service. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { listenHttp, runService, serviceArgument, type HttpServiceConfig } from '../process/run-service';
import { amplifyOutputs, type BrowserFacts } from './amplify-outputs';
import { createAppServer } from './app-server';

export interface AppServiceConfig extends HttpServiceConfig {
  facts: BrowserFacts;
}

export const APP_DIST = join(REPO_ROOT, 'app', 'dist');

runService('app', async () => {
  const config = serviceArgument<AppServiceConfig>();
  if (!existsSync(join(APP_DIST, 'index.html')))
    throw new Error(`the PWA is not built: ${APP_DIST} has no index.html (run: npm run build -w app)`);
  return listenHttp(createAppServer(APP_DIST, amplifyOutputs(config.facts)), config);
});
