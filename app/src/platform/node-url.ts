/**
 * The one function of Node's `url` module that AppSync's auth and subscription links call,
 * `url.parse(href)` for host and path, on the browser's own URL parser. Bundled in place of the
 * `url` npm polyfill (and its qs, punycode and object-inspect), which would cost the app ~20 KB.
 */
export interface ParsedUrl {
  protocol: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  path: string;
  href: string;
}

export function parse(href: string): ParsedUrl {
  const url = new URL(href);
  return {
    protocol: url.protocol,
    host: url.host,
    hostname: url.hostname,
    port: url.port,
    pathname: url.pathname,
    search: url.search,
    path: `${url.pathname}${url.search}`,
    href: url.href,
  };
}

export default { parse };
