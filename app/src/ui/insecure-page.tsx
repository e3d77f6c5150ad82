/**
 * What the app shows on a page that is not a secure context (opened over plain http:// on any host
 * but localhost): there the browser offers no camera or microphone and no crypto.subtle, so nothing
 * would work, and failing later would say less. It points to the HTTPS address when the config
 * names one (the local stack's LAN mode), and to the page that explains trusting its certificate.
 */
import { usePageTitle } from './page-title';

export interface InsecurePageProps {
  secureAppUrl?: string;
  trustPageUrl?: string;
}

export function InsecurePage({ secureAppUrl, trustPageUrl }: InsecurePageProps) {
  usePageTitle('Needs HTTPS');
  const sameRouteSecurely =
    secureAppUrl && new URL(`${window.location.pathname}${window.location.search}`, secureAppUrl).href;
  return (
    <main className="page center" role="alert">
      <h1>GoLive needs a secure connection</h1>
      <p>
        This page was opened over plain http://. The camera and microphone need HTTPS, and so does signing in
        safely.
      </p>
      {sameRouteSecurely ? (
        <a className="button" href={sameRouteSecurely}>
          Open {new URL(sameRouteSecurely).host} over HTTPS
        </a>
      ) : (
        <p>Open this address with https:// instead.</p>
      )}
      {trustPageUrl && (
        <p>
          If your phone says the connection is not private, it does not trust this computer yet: first follow
          the steps at <a href={trustPageUrl}>{trustPageUrl}</a>
        </p>
      )}
    </main>
  );
}
