/**
 * claimIngest first looks up the endpoint that claims, to learn its url (its front door); an
 * endpoint nobody registered is refused exactly like a bad ticket.
 */
import { resolverModule, runHandler, TICKET_REFUSED } from '../testing/run-handler';

const claim = { ticket: 'abc', endpointId: 'tw-2' };

test('reads the claiming endpoint by id, strongly consistent (a task that just registered finds itself)', async () => {
  const outcome = runHandler(await resolverModule('functions/getClaimingEndpoint'), 'request', {
    args: claim,
  });
  expect(outcome.ok && outcome.value).toMatchObject({
    operation: 'GetItem',
    key: { id: { S: 'tw-2' } },
    consistentRead: true,
  });
});

test('a registered endpoint is put in the stash for redeemTicket', async () => {
  const endpoint = { id: 'tw-2', url: 'wss://front.example/ingest', status: 'ACTIVE' };
  const outcome = runHandler(await resolverModule('functions/getClaimingEndpoint'), 'response', {
    args: claim,
    result: endpoint,
  });
  expect(outcome.ok && outcome.ctx.stash).toEqual({ claimingEndpoint: endpoint });
});

test('an unregistered endpoint gets the one InvalidTicket refusal, learning nothing', async () => {
  const outcome = runHandler(await resolverModule('functions/getClaimingEndpoint'), 'response', {
    args: claim,
    result: null,
  });
  expect(outcome).toEqual(TICKET_REFUSED);
});

test('a failing table is reported as itself, not as a bad ticket', async () => {
  const outcome = runHandler(await resolverModule('functions/getClaimingEndpoint'), 'response', {
    args: claim,
    error: { type: 'DynamoDB:ProvisionedThroughputExceededException', message: 'Slow down' },
  });
  expect(outcome).toMatchObject({
    ok: false,
    error: { errorType: 'DynamoDB:ProvisionedThroughputExceededException', message: 'Slow down' },
  });
});
