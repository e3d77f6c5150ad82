/**
 * Behind a load balancer every connection comes from the balancer's address. With
 * TRUSTED_PROXY_HOPS the per-address limit counts the broadcasters' own addresses from
 * X-Forwarded-For instead: different broadcasters are not refused as one, one broadcaster is
 * refused however it fills in the part of the header it controls, and one that skips the proxy is
 * counted by its socket address.
 */
import { useApiStack } from '@golive/local/graphql/testing/api-stack';
import { WebSocket } from 'ws';
import { CloseCode, SUBPROTOCOL } from './protocol/messages';
import { useTranswrap } from './testing/transwrap-process';

const LIMIT = 2;
const api = useApiStack('transwrap-proxied-limits');
const transwrap = useTranswrap(api, {
  TRUSTED_PROXY_HOPS: '1',
  MAX_CONNECTIONS_PER_ADDRESS: String(LIMIT),
  // Connections that never say hello are held this long, so all of a test's are open at once.
  HELLO_TIMEOUT_MS: '3000',
});

/**
 * Opens one connection per entry, one after another, each as the load balancer would forward it
 * (`undefined`: straight to transwrap, no header); resolves with each one's close code.
 */
async function closeCodes(forwardedFor: (string | undefined)[]): Promise<number[]> {
  const closed: Promise<number>[] = [];
  for (const header of forwardedFor) {
    const socket = new WebSocket(transwrap.url, [SUBPROTOCOL], {
      headers: header === undefined ? {} : { 'X-Forwarded-For': header },
    });
    closed.push(new Promise((resolve) => socket.once('close', (code) => resolve(code))));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  }
  return Promise.all(closed);
}

test('broadcasters behind the same load balancer are not refused as one address', async () => {
  const codes = await closeCodes(Array.from({ length: LIMIT + 3 }, (_, i) => `203.0.113.${i + 1}`));
  // Every one was held until it failed to say hello, none refused for its address.
  expect(codes).toEqual(Array<number>(LIMIT + 3).fill(CloseCode.HelloTimeout));
}, 20_000);

test('one broadcaster past the limit is refused with 4029, whatever it forges to the left', async () => {
  const codes = await closeCodes(
    Array.from({ length: LIMIT + 2 }, (_, i) => `10.9.9.${i + 1}, 198.51.100.7`),
  );
  expect(codes).toEqual([
    ...Array<number>(LIMIT).fill(CloseCode.HelloTimeout),
    ...Array<number>(2).fill(CloseCode.TooManyFromAddress),
  ]);
}, 20_000);

test('connections that bypass the proxy are counted by their socket address', async () => {
  const codes = await closeCodes([undefined, '', undefined, undefined]);
  expect(codes).toEqual([
    ...Array<number>(LIMIT).fill(CloseCode.HelloTimeout),
    ...Array<number>(2).fill(CloseCode.TooManyFromAddress),
  ]);
}, 20_000);
