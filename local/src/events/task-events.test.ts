/** A stopped transwrap task reaches the API as ECS's event through the rule amplify/ deploys. */
import { TASK_STATE_RULES } from '@golive/resolvers/events/event-rules';
import { matches, transformInput } from './event-delivery';
import { taskStopped } from './task-events';

const where = { region: 'us-east-1', accountId: '000000000000' };

test('a stopped task matches one rule, which sets its endpoint STOPPED by task ARN', () => {
  const event = taskStopped('tw-local-2', 'SIGKILL', where);
  expect(event).toMatchObject({
    source: 'aws.ecs',
    'detail-type': 'ECS Task State Change',
    detail: {
      taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/golive-local/tw-local-2',
      lastStatus: 'STOPPED',
    },
  });
  const rules = TASK_STATE_RULES.filter((rule) => matches(rule, event));
  expect(rules).toHaveLength(1);
  expect(transformInput(rules[0]!, event)).toEqual({ id: event.detail.taskArn, status: 'STOPPED' });
  expect(rules[0]!.graphQLOperation).toMatch(
    /^mutation SetEndpointStatus\(\$id: ID!, \$status: EndpointStatus!\)/,
  );
});

test('a task that is only starting or stopping matches nothing', () => {
  const event = taskStopped('tw-local-2', 'SIGKILL', where);
  const running = { ...event, detail: { ...event.detail, lastStatus: 'RUNNING' } };
  expect(TASK_STATE_RULES.filter((rule) => matches(rule, running))).toEqual([]);
});
