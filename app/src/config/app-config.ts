/**
 * The app's one configuration file, `/amplify_outputs.json`: written by `ampx` in AWS (Amplify Gen
 * 2's outputs format) and by the local stack locally, with only what a browser may know. Read at
 * start-up, so one build runs against either.
 */
export interface AppConfig {
  region: string;
  /** AppSync GraphQL endpoint; the real-time URL is derived from it by the subscription link. */
  graphqlUrl: string;
  /** The public API key: anonymous viewers read live channels and their status with it. */
  apiKey: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The Cognito user pools API: AWS's regional endpoint, or the local stack's. */
  cognitoEndpoint: string;
  /** The local stack's LAN mode: the app's HTTPS address, for a page opened over plain http://. */
  secureAppUrl?: string;
  /** The local stack's LAN mode: the page that explains trusting the stack's certificate. */
  trustPageUrl?: string;
}

/** The part of amplify_outputs.json the app reads (https://docs.amplify.aws/ outputs schema). */
export interface AmplifyOutputs {
  version?: string;
  auth?: { aws_region?: string; user_pool_id?: string; user_pool_client_id?: string };
  data?: { aws_region?: string; url?: string; api_key?: string };
  custom?: { cognitoEndpoint?: string; secureAppUrl?: string; trustPageUrl?: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function appConfigFrom(outputs: AmplifyOutputs): AppConfig {
  const missing = (what: string): never => {
    throw new ConfigError(`amplify_outputs.json has no ${what}`);
  };
  const region = outputs.data?.aws_region ?? outputs.auth?.aws_region ?? missing('data.aws_region');
  return {
    region,
    graphqlUrl: outputs.data?.url ?? missing('data.url'),
    apiKey: outputs.data?.api_key ?? missing('data.api_key'),
    userPoolId: outputs.auth?.user_pool_id ?? missing('auth.user_pool_id'),
    userPoolClientId: outputs.auth?.user_pool_client_id ?? missing('auth.user_pool_client_id'),
    cognitoEndpoint: outputs.custom?.cognitoEndpoint ?? `https://cognito-idp.${region}.amazonaws.com/`,
    secureAppUrl: outputs.custom?.secureAppUrl,
    trustPageUrl: outputs.custom?.trustPageUrl,
  };
}

export async function loadAppConfig(url = '/amplify_outputs.json'): Promise<AppConfig> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new ConfigError(`${url}: HTTP ${response.status}`);
  return appConfigFrom((await response.json()) as AmplifyOutputs);
}

/** The cacheName of vite.config.ts's NetworkFirst route for amplify_outputs.json. */
const CONFIG_CACHE = 'app-config';

/**
 * On the first visit no service worker controls the page, so it never sees the config fetched:
 * once one is active, hand it a copy, so that the next start works offline too.
 */
export async function keepConfigForOffline(url = '/amplify_outputs.json'): Promise<void> {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller) return;
  await navigator.serviceWorker.ready;
  await (await caches.open(CONFIG_CACHE)).add(url).catch(() => undefined);
}
