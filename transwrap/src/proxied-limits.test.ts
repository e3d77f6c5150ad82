/**
 * Per-address limits count clients, not sockets' addresses. Behind a load balancer every
 * connection comes from the balancer's address; with TRUSTED_PROXY_HOPS they count the
 * broadcasters' own addresses from X-Forwarded-For instead: different broadcasters are not counted
 * as one, one is counted as one however it fills in the part of the header it controls, and one
 * that skips the proxy is counted by its socket address. An IPv6 client is its /64 (one subscriber
 * gets a whole /64), an IPv4-mapped IPv6 address the IPv4 one. Past its budget of connections
 * waiting for hello, a client's oldest waiting one is shed (4029); past its budget of refused
 * hellos, its next hello is refused without a look at the ticket (4029).
 */
import { useApiStack } from '@golive/local/testing/api-stack';
import { WebSocket } from 'ws';
import { CloseCode, SUBPROTOCOL } from './protocol/messages';
import { IngestClient } from './testing/ingest-client';
import { testRecording } from './testing/test-broadcast';
import { useTranswrap } from './testing/transwrap-process';

const LIMIT = 2;
const REFUSED_HELLOS = 3;
const api = useApiStack('transwrap-proxied-limits');
const transwrap = useTranswrap(api, {
  TRUSTED_PROXY_HOPS: '1',
  MAX_PENDING_PER_ADDRESS: String(LIMIT),
  MAX_REFUSED_HELLOS_PER_ADDRESS: String(REFUSED_HELLOS),
  // Connections that never say hello are held this long, so all of a test's are open at once.
  HELLO_TIMEOUT_MS: '3000',
});

/** A connection as the load balancer would forward it (`undefined`: straight to transwrap). */
function connect(forwardedFor: string | undefined): WebSocket {
  return new WebSocket(transwrap.url, [SUBPROTOCOL], {
    headers: forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor },
  });
}

/** Opens one hello-less connection per entry, one after another; resolves with each one's close code. */
async function closeCodes(forwardedFor: (string | undefined)[]): Promise<number[]> {
  const closed: Promise<number>[] = [];
  for (const header of forwardedFor) {
    const socket = connect(header);
    closed.push(new Promise((resolve) => socket.once('close', (code) => resolve(code))));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  }
  return Promise.all(closed);
}

const waited = (count: number) => Array<number>(count).fill(CloseCode.HelloTimeout);
const shed = (count: number) => Array<number>(count).fill(CloseCode.TooManyFromAddress);

test('broadcasters behind the same load balancer are not counted as one address', async () => {
  const codes = await closeCodes(Array.from({ length: LIMIT + 3 }, (_, i) => `203.0.113.${i + 1}`));
  // Every one was held until it failed to say hello, none shed for its address.
  expect(codes).toEqual(waited(LIMIT + 3));
}, 20_000);

test('one client past its waiting budget: its oldest are shed with 4029, whatever it forges to the left', async () => {
  const codes = await closeCodes(
    Array.from({ length: LIMIT + 2 }, (_, i) => `10.9.9.${i + 1}, 198.51.100.7`),
  );
  expect(codes).toEqual([...shed(2), ...waited(LIMIT)]);
}, 20_000);

test('connections that bypass the proxy are counted by their socket address', async () => {
  const codes = await closeCodes([undefined, '', undefined, undefined]);
  expect(codes).toEqual([...shed(2), ...waited(LIMIT)]);
}, 20_000);

test('addresses of one IPv6 /64 are one client; the next /64 is another', async () => {
  const sameSubnet = Array.from({ length: LIMIT + 2 }, (_, i) => `2001:db8:5:6::${(i + 1).toString(16)}`);
  const codes = await closeCodes([...sameSubnet, '2001:db8:5:7::1']);
  expect(codes).toEqual([...shed(2), ...waited(LIMIT), ...waited(1)]);
}, 20_000);

test('an IPv4-mapped IPv6 address is the IPv4 address it maps', async () => {
  const codes = await closeCodes(['198.51.100.9', '::ffff:198.51.100.9', '::ffff:c633:6409']);
  expect(codes).toEqual([...shed(1), ...waited(LIMIT)]);
}, 20_000);

/** A hello with a made-up ticket and the seller's real sign-in token, from `forwardedFor`. */
async function bogusHello(forwardedFor: string): Promise<{ code: number; reason: string }> {
  const client = new IngestClient(transwrap.url, { headers: { 'X-Forwarded-For': forwardedFor } });
  await client.hello('f'.repeat(64), testRecording().media, api.who.tokens.seller);
  return client.closed;
}

test('hellos with made-up tickets: past the budget of refusals, one address is refused without an API call', async () => {
  for (let attempt = 0; attempt < REFUSED_HELLOS; attempt++)
    expect((await bogusHello('192.0.2.50')).code).toBe(CloseCode.TicketRefused);
  expect(await bogusHello('192.0.2.50')).toEqual({
    code: CloseCode.TooManyFromAddress,
    reason: 'too many refused hellos from this address',
  });
  // Another address's hellos are still judged on their ticket.
  expect((await bogusHello('192.0.2.51')).code).toBe(CloseCode.TicketRefused);
}, 30_000);
