/**
 * The address a connection really comes from when transwrap runs behind proxies (CloudFront, then
 * an Application Load Balancer, in AWS), each appending the address it was reached from to
 * X-Forwarded-For.
 */

/**
 * `trustedProxyHops`: how many proxies in front of transwrap append to X-Forwarded-For. Only that
 * many entries, counted from the right, were written by them; anything further left came from the
 * client and can be forged, so it is never read. With 0 hops, or fewer entries than hops (the
 * connection skipped a proxy), the socket's address is the client's.
 */
export function clientAddress(
  socketAddress: string,
  forwardedFor: string | string[] | undefined,
  trustedProxyHops: number,
): string {
  if (trustedProxyHops === 0 || forwardedFor === undefined) return socketAddress;
  // Node joins repeated X-Forwarded-For headers with ", "; an array is joined the same way.
  const entries = [forwardedFor]
    .flat()
    .join(',')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length < trustedProxyHops) return socketAddress;
  return entries[entries.length - trustedProxyHops]!;
}
