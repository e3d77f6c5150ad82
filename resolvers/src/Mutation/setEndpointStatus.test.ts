/** Endpoint status changes name the endpoint by id (transwrap) or by ECS task ARN (EventBridge). */
import { resolverModule, runHandler } from '../testing/run-handler';

test.each([
  ['tw-local-1', 'tw-local-1'],
  [
    'arn:aws:ecs:eu-west-1:123456789012:task/golive-transwrap/0123456789abcdef0123456789abcdef',
    '0123456789abcdef0123456789abcdef',
  ],
])('%s is endpoint %s', async (id, endpointId) => {
  const outcome = runHandler(await resolverModule('Mutation/setEndpointStatus'), 'request', {
    args: { id, status: 'STOPPED' },
  });
  expect(JSON.stringify(outcome.ok && outcome.value)).toContain(JSON.stringify({ S: endpointId }));
});

test.each([
  ['another service', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc'],
  ['a task ARN without a cluster', 'arn:aws:ecs:eu-west-1:123456789012:task/0123'],
  ['not an identifier', 'tw local'],
])('%s is a ValidationError', async (_case, id) => {
  expect(
    runHandler(await resolverModule('Mutation/setEndpointStatus'), 'request', {
      args: { id, status: 'STOPPED' },
    }),
  ).toMatchObject({ ok: false, error: { errorType: 'ValidationError' } });
});
