/**
 * The PWA's Content-Security-Policy, defined once for both of its hosts: the local app host sends
 * it with this stack's exact origins, and customHttp.yml holds it for Amplify Hosting with the
 * backend's origins left open to any https/wss host (amplify/hosting.test.ts checks the file
 * against this function, so the two cannot drift).
 *
 * What it stops: script that is not one of the app's own files (no inline script, no eval, no
 * plugins, no <base> rewriting where scripts load from), and being framed. What it cannot stop is
 * script the app itself runs sending data away: in AWS the backend's hosts are learned at run time
 * (amplify_outputs.json, ticket and playback URLs), so connect-src names schemes, not hosts; and a
 * top-level navigation can carry data anywhere whatever connect-src says. That is why the
 * script-src rules are the defence, and why the refresh token is stored encrypted
 * (app/src/auth/token-vault.ts).
 */

/** Where the app's API, realtime, Cognito, transwrap and video traffic may go. */
export interface BackendSources {
  /** fetch, XMLHttpRequest (Video.js's HLS playlists and segments) and WebSockets. */
  connect: string[];
  /** Video the browser plays from a URL itself (Safari's native HLS). */
  media: string[];
}

/**
 * In AWS: AppSync (https, wss), Cognito (https), transwrap behind CloudFront (wss) and IVS playback
 * (https) are only known from amplify_outputs.json and the API's answers at run time. No plain
 * http: or ws:.
 */
export const ANY_SECURE_BACKEND: BackendSources = { connect: ['https:', 'wss:'], media: ['https:'] };

/** The local stack's services: their exact origins, or for `anyPort`, their scheme and host. */
export function exactBackend(urls: {
  connect: string[];
  anyPort?: string[];
  media: string[];
}): BackendSources {
  const origins = (list: string[]) => list.map((url) => new URL(url).origin);
  const hosts = (list: string[]) =>
    list.map((url) => new URL(url)).map(({ protocol, hostname }) => `${protocol}//${hostname}:*`);
  const unique = (list: string[]) => [...new Set(list)];
  return {
    connect: unique([...origins(urls.connect), ...hosts(urls.anyPort ?? [])]),
    media: unique(origins(urls.media)),
  };
}

export function contentSecurityPolicy(backend: BackendSources): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // The app's own module files only: no inline script, no eval, no other host.
    'script-src': ["'self'"],
    // Stylesheets are files; Video.js's and GraphiQL's injected styles are turned off or adopted
    // through CSSOM (which CSP does not govern), so no 'unsafe-inline' here either.
    'style-src': ["'self'"],
    // Product pictures stay where the seller keeps them: any https host (Product.imageUrl).
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    // Video.js's icon font and GraphiQL's fonts are inlined in their stylesheets.
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...backend.connect],
    // Video.js plays HLS through Media Source Extensions (blob: URLs).
    'media-src': ["'self'", 'blob:', ...backend.media],
    // The service worker (sw.js), and Video.js's transmuxer worker (a blob: URL).
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
