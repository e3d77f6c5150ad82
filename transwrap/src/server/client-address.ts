/**
 * The address a connection really comes from when transwrap runs behind proxies (CloudFront, then
 * an Application Load Balancer, in AWS), each appending the address it was reached from to
 * X-Forwarded-For; and the group of addresses per-address limits count as one client.
 */
import ipaddr from 'ipaddr.js';

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

/**
 * What per-address limits count as one client: an IPv4 address (an IPv4-mapped IPv6 one is the
 * IPv4 address it maps), or the /64 an IPv6 address is in. One subscriber, one phone even, is
 * given a whole /64 (2^64 addresses): counted one by one, a single attacker would be unlimited.
 * Anything that is not an address (it cannot come from a socket) counts as itself.
 */
export function addressGroup(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
