/**
 * A ticket works once: 50 transwrap requests redeeming the same ticket at the same moment get
 * exactly one stream key between them; the other 49 are told the ticket is used.
 */
import { apolloClient, authFor, call, registerTestEndpoint } from './testing/api-clients';
import * as op from '@golive/common/api-operations';
import { useApiStack } from './testing/api-stack';

const api = useApiStack('claim');

test('50 simultaneous claimIngest calls on one ticket: exactly one succeeds', async () => {
  await registerTestEndpoint(api.who.clients.service, 'tw-race');
  const created = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name: 'Race',
  });
  const ticket = await call<{ startBroadcast: { token: string } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId: created.data!.createChannel.id,
    },
  );
  const token = ticket.data!.startBroadcast.token;

  // Separate clients, as separate transwrap instances would be.
  const services = Array.from({ length: 50 }, () =>
    apolloClient(api.stack.info, authFor(api.stack.info, 'service', {})),
  );
  const outcomes = await Promise.all(
    services.map((client) =>
      call<{ claimIngest: { streamKey: string } | null }>(client, op.CLAIM_INGEST, {
        token,
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
  const ticket = await call<{ startBroadcast: { token: string; endpoint: { id: string } } }>(
    api.who.clients.seller,
    op.START_BROADCAST,
    {
      channelId: created.data!.createChannel.id,
    },
  );
  const outcome = await call(api.who.clients.service, op.CLAIM_INGEST, {
    token: ticket.data!.startBroadcast.token,
    endpointId: 'tw-other',
  });
  expect(outcome.errors[0]).toMatchObject({
    errorType: 'InvalidTicket',
    message: 'The ticket is invalid, expired or already used.',
  });
  // The refusal did not use up the ticket at its own endpoint.
  const right = await call(api.who.clients.service, op.CLAIM_INGEST, {
    token: ticket.data!.startBroadcast.token,
    endpointId: ticket.data!.startBroadcast.endpoint.id,
  });
  expect(right.errors).toEqual([]);
});
