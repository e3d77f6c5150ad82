/**
 * A ticket works once: 50 transwrap requests redeeming the same ticket at the same moment get
 * exactly one stream key between them; the other 49 are told the ticket is used. It works only at
 * the front door it names: the endpoint it was issued for, or another registered with the same url
 * (in AWS, tasks behind one load balancer, which picks the task the browser reaches).
 */
import { apolloClient, authFor, call, registerTestEndpoint } from '../testing/api-clients';
import * as op from '@golive/common/api-operations';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('claim');

test('50 simultaneous claimIngest calls on one ticket: exactly one succeeds', async () => {
  await registerTestEndpoint(api.who.clients.service, 'tw-race');
  const created = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name: 'Race',
  });
  const ticket = await call<{ startBroadcast: { ticket: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId: created.data!.createChannel.id,
    },
  );
  const issued = ticket.data!.startBroadcast.ticket;

  // Separate clients, as separate transwrap instances would be.
  const services = Array.from({ length: 50 }, () =>
    apolloClient(api.stack.info, authFor(api.stack.info, 'service', {})),
  );
  const outcomes = await Promise.all(
    services.map((client) =>
      call<{ claimIngest: { streamKey: string } | null }>(client, op.CLAIM_INGEST, {
        ticket: issued,
        endpointId: 'tw-race',
      }),
    ),
  );
  services.forEach((client) => client.stop());

  const winners = outcomes.filter((outcome) => outcome.data?.claimIngest?.streamKey);
  const losers = outcomes.filter((outcome) => outcome.errors[0]?.errorType === 'InvalidTicket');
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(49);
});

test('a ticket is refused at another endpoint than the one it was issued for', async () => {
  const created = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name: 'Wrong door',
  });
  const ticket = await call<{ startBroadcast: { ticket: string; endpoint: { id: string } } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId: created.data!.createChannel.id,
    },
  );
  const outcome = await call(api.who.clients.service, op.CLAIM_INGEST, {
    ticket: ticket.data!.startBroadcast.ticket,
    endpointId: 'tw-other',
  });
  expect(outcome.errors[0]).toMatchObject({
    errorType: 'InvalidTicket',
    message: 'The ticket is invalid, expired or already used.',
  });
  // The refusal did not use up the ticket at its own endpoint.
  const right = await call(api.who.clients.service, op.CLAIM_INGEST, {
    ticket: ticket.data!.startBroadcast.ticket,
    endpointId: ticket.data!.startBroadcast.endpoint.id,
  });
  expect(right.errors).toEqual([]);
});

const REFUSED = { errorType: 'InvalidTicket', message: 'The ticket is invalid, expired or already used.' };

/** Registers an ACTIVE endpoint at `url`, as a transwrap task does (IAM). */
async function registerEndpointAt(id: string, url: string): Promise<void> {
  const input = { id, url, region: 'local', capacity: 100, status: 'ACTIVE' };
  const { errors } = await call(api.who.clients.service, op.REGISTER_ENDPOINT, { input });
  expect(errors).toEqual([]);
}

/** A ticket for a new channel of the seller's, and the door it names. */
async function issueTicket(name: string) {
  const created = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name,
  });
  const ticket = await call<{ startBroadcast: { ticket: string; url: string; endpoint: { id: string } } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    { channelId: created.data!.createChannel.id },
  );
  expect(ticket.errors).toEqual([]);
  return { channelId: created.data!.createChannel.id, ...ticket.data!.startBroadcast };
}

test("behind one load balancer, whichever endpoint at the ticket's url gets the connection claims it, once", async () => {
  await registerEndpointAt('tw-front-1', 'wss://front.example/ingest');
  const ticket = await issueTicket('One front door');
  // Another task behind the door the ticket names, and one behind another door.
  await registerEndpointAt('tw-front-2', ticket.url);
  await registerEndpointAt('tw-elsewhere', 'wss://elsewhere.example/ingest');
  const claimAt = (endpointId: string) =>
    call<{ claimIngest: { channelId: string; streamKey: string } }>(
      api.who.clients.service,
      op.CLAIM_INGEST,
      {
        ticket: ticket.ticket,
        endpointId,
      },
    );

  expect((await claimAt('tw-elsewhere')).errors).toEqual([expect.objectContaining(REFUSED)]);
  // An endpoint nobody registered learns no more than one at the wrong door.
  expect((await claimAt('tw-nobody')).errors).toEqual([expect.objectContaining(REFUSED)]);

  const claimed = await claimAt('tw-front-2');
  expect(claimed.errors).toEqual([]);
  expect(claimed.data?.claimIngest.channelId).toBe(ticket.channelId);
  expect(claimed.data?.claimIngest.streamKey).toMatch(/^sk_/);

  expect((await claimAt('tw-front-2')).errors).toEqual([expect.objectContaining(REFUSED)]);
  expect((await claimAt(ticket.endpoint.id)).errors).toEqual([expect.objectContaining(REFUSED)]);
});

test('claims racing at two endpoints behind one door: exactly one succeeds', async () => {
  await registerEndpointAt('tw-shared-1', 'wss://shared.example/ingest');
  const ticket = await issueTicket('Shared door race');
  await registerEndpointAt('tw-shared-2', ticket.url);

  const services = Array.from({ length: 20 }, () =>
    apolloClient(api.stack.info, authFor(api.stack.info, 'service', {})),
  );
  const outcomes = await Promise.all(
    services.map((client, i) =>
      call<{ claimIngest: { streamKey: string } | null }>(client, op.CLAIM_INGEST, {
        ticket: ticket.ticket,
        endpointId: i % 2 ? 'tw-shared-2' : ticket.endpoint.id,
      }),
    ),
  );
  services.forEach((client) => client.stop());

  const winners = outcomes.filter((outcome) => outcome.data?.claimIngest?.streamKey);
  const losers = outcomes.filter((outcome) => outcome.errors[0]?.errorType === 'InvalidTicket');
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(19);
});
