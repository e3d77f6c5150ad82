/**
 * Logs of everything the product runs are kept for a bounded time: the API, the IvsControl Lambda,
 * the PostConfirmation trigger and transwrap (a week in a sandbox).
 */
import { propertiesOfType, resourcesOfType, useSynthesizedBackend } from './testing/synthesize';

const backend = useSynthesizedBackend();

/** Log group logical id -> retention in days, across every stack. */
function retentions(): Record<string, number | undefined> {
  return Object.fromEntries(
    backend().all.flatMap((template) =>
      Object.entries(resourcesOfType<{ RetentionInDays?: number }>(template, 'AWS::Logs::LogGroup')).map(
        ([id, group]) => [id, group.Properties.RetentionInDays],
      ),
    ),
  );
}

test('the API, the Lambdas and transwrap log with a retention', () => {
  const groups = retentions();
  const of = (pattern: RegExp) => Object.entries(groups).find(([id]) => pattern.test(id))?.[1];
  expect(of(/^GoLiveIvsControlLogs/)).toBe(7);
  expect(of(/^TranswrapLogs/)).toBe(7);
  expect(of(/^postconfirmationloggroup/)).toBe(30);
  // The group AppSync writes to is declared by name (/aws/appsync/apis/<api id>), with a retention.
  const [api] = Object.keys(resourcesOfType(backend().stacks.api, 'AWS::AppSync::GraphQLApi'));
  const apiLogs = propertiesOfType<{ LogGroupName?: unknown; RetentionInDays: number }>(
    backend().stacks.api,
    'AWS::Logs::LogGroup',
  )
    .filter((group) => JSON.stringify(group.LogGroupName ?? '').includes('/aws/appsync/apis/'))
    .map(({ LogGroupName, RetentionInDays }) => ({ LogGroupName, RetentionInDays }));
  expect(apiLogs).toEqual([
    {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [api, 'ApiId'] }]] },
      RetentionInDays: 7,
    },
  ]);
});

test('no log group is left to a LogRetention Lambda (an extra function with logs rights on every group)', () => {
  for (const template of backend().all) expect(resourcesOfType(template, 'Custom::LogRetention')).toEqual({});
});

test('transwrap’s container logs go to that group', () => {
  const [task] = propertiesOfType<{
    ContainerDefinitions: { LogConfiguration: { LogDriver: string; Options: Record<string, unknown> } }[];
  }>(backend().stacks.ingest, 'AWS::ECS::TaskDefinition');
  const logging = task!.ContainerDefinitions[0]!.LogConfiguration;
  expect(logging.LogDriver).toBe('awslogs');
  expect(JSON.stringify(logging.Options['awslogs-group'])).toMatch(/TranswrapLogs/);
});
