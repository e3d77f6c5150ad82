/**
 * Sockets that never say hello cannot lock sellers out. They wait in their own small budget, per
 * client address and in all, apart from the broadcasts a server takes; when it is full the oldest
 * of them is shed (it had its chance to say hello), so a flood, however it is spread, can delay a
 * seller but not keep one out, and never takes a ticketed seller's place. The attackers are real
 * sockets from real loopback addresses (127.0.0.2, ...), reopened the moment they close.
 */
import { until } from '@golive/common/testing/poll';
import * as op from '@golive/common/api-operations';
import { call } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import { CloseCode } from './protocol/messages';
import { liveThroughConnection } from './testing/connected-broadcast';
import { HelloLessFlood, loopbackLanes } from './testing/hello-less-flood';
import { IngestClient } from './testing/ingest-client';
import { testRecording } from './testing/test-broadcast';
import { spawnTranswrap, type TranswrapProcess } from './testing/transwrap-process';

const api = useApiStack('transwrap-flood');

/** Runs `attack` on its own transwrap instance (the only one taking broadcasts meanwhile). */
async function onOwnInstance(
  env: Record<string, string>,
  attack: (transwrap: TranswrapProcess) => Promise<void>,
): Promise<void> {
  const transwrap = await spawnTranswrap(api.stack.info, env);
  try {
    await attack(transwrap);
  } finally {
    await transwrap.stop();
  }
}

/** Waits until the flood has been going for a while: every lane reopened at least twice. */
async function floodGoing(flood: HelloLessFlood, lanes: number): Promise<void> {
  await until('every lane of the flood reopened twice', () => flood.closed >= lanes * 2, 60_000);
}

test('the attack as seen: 60 hello-less sockets from 3 addresses, reopened without pause; 10 sellers each go live at the first try', async () => {
  await onOwnInstance({}, async (transwrap) => {
    const lanes = loopbackLanes(3, 20);
    const flood = new HelloLessFlood(transwrap.url, lanes);
    flood.start();
    try {
      await floodGoing(flood, lanes.length);
      const channel = (
        await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
          name: 'Under flood',
        })
      ).data!.createChannel;

      const outcomes: string[] = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        const started = await call<{ startBroadcast: { url: string; ticket: string } }>(
          api.who.clients.seller,
          op.START_BROADCAST,
          { channelId: channel.id },
        );
        // If the API refuses, say why (a ticket is not the flood's to deny).
        expect(started.errors.map((error) => error.message)).toEqual([]);
        const ticket = started.data!.startBroadcast;
        const seller = new IngestClient(ticket.url);
        await seller.hello(ticket.ticket, testRecording().media, api.who.tokens.seller);
        const ready = await seller.next('ready').then(
          () => 'ready',
          async () => `closed ${(await seller.closed).code}`,
        );
        outcomes.push(ready);
        if (ready === 'ready') seller.stop();
        await seller.closed;
      }
      expect(outcomes).toEqual(Array<string>(10).fill('ready'));
      // Meanwhile the attack went on, its sockets shed in favour of its own newer ones.
      expect(
        flood.closedWith(
          CloseCode.TooManyFromAddress,
          'shed: too many connections waiting for hello from this address',
        ),
      ).toBeGreaterThan(lanes.length);
    } finally {
      await flood.stop();
    }
  });
}, 180_000);

test('a flood from more addresses than the whole waiting budget holds: the oldest are shed and sellers still go live', async () => {
  const env = { MAX_PENDING: '40', MAX_PENDING_PER_ADDRESS: '5' };
  await onOwnInstance(env, async (transwrap) => {
    const lanes = loopbackLanes(12, 5);
    const flood = new HelloLessFlood(transwrap.url, lanes);
    flood.start();
    try {
      await floodGoing(flood, lanes.length);
      // The PWA's own connection: a socket shed before its hello was read is tried again.
      for (const name of ['Seller one', 'Seller two', 'Seller three']) {
        const { connection, recorder, ended } = await liveThroughConnection(api, name);
        expect(connection.state).toBe('live');
        connection.stop();
        recorder.stop();
        expect((await ended).code).toBe(CloseCode.Normal);
      }
      // The whole budget was full: the server shed the oldest waiting sockets, across addresses.
      expect(
        flood.closedWith(CloseCode.HelloTimeout, 'shed: too many connections waiting for hello'),
      ).toBeGreaterThan(0);
    } finally {
      await flood.stop();
    }
  });
}, 180_000);
