/** Which X-Forwarded-For entry counts as the client, and which addresses count as one, for per-address limits. */
import { addressGroup, clientAddress } from './client-address';

const SOCKET = '10.0.0.9'; // the load balancer, as the socket sees it

test.each([
  // [what, X-Forwarded-For, trusted proxy hops, client address]
  ['no proxies: the header is ignored', '203.0.113.7', 0, SOCKET],
  ['no proxies, no header', undefined, 0, SOCKET],
  ['one proxy: its entry, the last', '203.0.113.7', 1, '203.0.113.7'],
  ['two proxies (CloudFront, ALB): the one before the last', '203.0.113.7, 130.176.1.2', 2, '203.0.113.7'],
  ['one proxy, entries forged on the left are skipped', '1.1.1.1, 2.2.2.2, 203.0.113.7', 1, '203.0.113.7'],
  [
    'two proxies, a forged entry on the left is skipped',
    '1.1.1.1, 203.0.113.7, 130.176.1.2',
    2,
    '203.0.113.7',
  ],
  ['fewer entries than proxies (a proxy was bypassed): the socket', '203.0.113.7', 2, SOCKET],
  ['proxies expected but no header: the socket', undefined, 1, SOCKET],
  ['an empty header: the socket', '', 1, SOCKET],
  ['whitespace around entries and commas', '  1.1.1.1 ,203.0.113.7 ,\t130.176.1.2  ', 2, '203.0.113.7'],
  ['IPv6 entries', '2001:db8::1, 2001:db8:ffff::2', 2, '2001:db8::1'],
  ['IPv6 entry, one proxy', '1.1.1.1, 2001:db8::1', 1, '2001:db8::1'],
  ['repeated headers, if given as an array', ['1.1.1.1, 203.0.113.7', '130.176.1.2'], 2, '203.0.113.7'],
] as const)('%s', (_what, forwardedFor, hops, expected) => {
  expect(clientAddress(SOCKET, forwardedFor as string | string[] | undefined, hops)).toBe(expected);
});

describe('which addresses count as one client', () => {
  test.each([
    // [what, address, group]
    ['an IPv4 address is its own', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address is the IPv4 one', '::ffff:203.0.113.7', '203.0.113.7'],
    ['IPv4-mapped, in hex', '::ffff:cb00:7107', '203.0.113.7'],
    ['an IPv6 address counts as its /64', '2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['written another way, the same /64', '2001:0db8:0001:0002:0000:0000:0000:0001', '2001:db8:1:2::/64'],
    ['the next /64 is another client', '2001:db8:1:3::1', '2001:db8:1:3::/64'],
    ['loopback', '::1', '::/64'],
    ['not an address: itself', 'unknown', 'unknown'],
  ])('%s', (_what, address, group) => {
    expect(addressGroup(address)).toBe(group);
  });
});
