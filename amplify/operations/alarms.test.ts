/**
 * The operator hears about what breaks a deployment: every alarm sends to the alarms topic when it
 * fires and when it clears, GOLIVE_ALARM_EMAIL subscribes an address, and each alarm watches the
 * resource it names (followed across the nested stacks), not a look-alike.
 */
import { LOAD_METRIC, SERVICE_DIMENSION } from '@golive/transwrap/server/load-metric';
import { LOAD_METRIC_NAMESPACE } from '../ingest/transwrap-service';
import { textOf, type CfnValue, type PolicyDocument } from '../testing/cfn-shapes';
import {
  propertiesOfType,
  resourcesOfType,
  useSynthesizedBackend,
  type StackName,
  type SynthesizedBackend,
} from '../testing/synthesize';

interface DeployedAlarm {
  AlarmDescription: string;
  AlarmActions: CfnValue[];
  OKActions: CfnValue[];
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: CfnValue }[];
  Statistic: string;
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData: string;
}

const backend = useSynthesizedBackend({ env: { GOLIVE_ALARM_EMAIL: 'ops@example.com' } });

const alarms = () => resourcesOfType<DeployedAlarm>(backend().stacks.operations, 'AWS::CloudWatch::Alarm');
function alarm(name: string): DeployedAlarm {
  const found = Object.entries(alarms()).find(([id]) => id.startsWith(`Alarms${name}`));
  if (!found) throw new Error(`no ${name} alarm in ${Object.keys(alarms()).join(', ')}`);
  return found[1].Properties;
}
const dimension = (deployed: DeployedAlarm, name: string) =>
  deployed.Dimensions.find((candidate) => candidate.Name === name)?.Value;

/**
 * A value the operations stack gets from another nested stack, as that stack outputs it: the root
 * stack passes the other stack's output in as a parameter, which the operations stack refers to.
 */
function fromOtherStack(synthesized: SynthesizedBackend, value: CfnValue | undefined) {
  const parameter = (value as { Ref: string }).Ref;
  const [, nested] = Object.entries(synthesized.root.Resources).find(([id]) =>
    /^operations[0-9A-F]{8}$/.test(id),
  )!;
  const passed = (nested.Properties!.Parameters as Record<string, { 'Fn::GetAtt': [string, string] }>)[
    parameter
  ]!;
  const [producer, output] = passed['Fn::GetAtt'];
  const stack = producer.replace(/[0-9A-F]{8}$/, '') as StackName;
  const produced = synthesized.stacks[stack].Outputs![output.replace(/^Outputs\./, '')]!.Value as CfnValue;
  return { stack, value: produced };
}
const logicalIdOf = (value: CfnValue) =>
  (value as { Ref?: string }).Ref ?? (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

test('every alarm tells the alarms topic when it fires and when it clears; the email address is subscribed', () => {
  const [topicId] = Object.keys(resourcesOfType(backend().stacks.operations, 'AWS::SNS::Topic'));
  expect(Object.keys(alarms()).map((id) => id.replace(/^Alarms|[0-9A-F]{8}$/g, ''))).toEqual([
    'TranswrapSilent',
    'TranswrapUnhealthy',
    'EventsUndelivered',
    'IvsControlErrors',
    'ApiServerErrors',
  ]);
  for (const deployed of Object.values(alarms()).map((resource) => resource.Properties)) {
    expect(deployed.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(deployed.OKActions).toEqual([{ Ref: topicId }]);
    expect(deployed.AlarmDescription.length).toBeGreaterThan(20);
  }
  expect(propertiesOfType(backend().stacks.operations, 'AWS::SNS::Subscription')).toEqual([
    { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } },
  ]);
});

test('CloudWatch may publish to the topic, for this account’s alarms only, and only over TLS', () => {
  const [topicId] = Object.keys(resourcesOfType(backend().stacks.operations, 'AWS::SNS::Topic'));
  const policies = propertiesOfType<{ Topics: CfnValue[]; PolicyDocument: PolicyDocument }>(
    backend().stacks.operations,
    'AWS::SNS::TopicPolicy',
  );
  expect(policies.map((policy) => policy.Topics)).toEqual([[{ Ref: topicId }]]);
  const statements = policies[0]!.PolicyDocument.Statement;
  const allowed = statements.filter((statement) => statement.Effect === 'Allow');
  expect(allowed).toEqual([
    expect.objectContaining({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: topicId },
    }),
  ]);
  expect(allowed[0]!.Condition!.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
  expect(textOf(allowed[0]!.Condition!.ArnLike!['aws:SourceArn'])).toContain(':alarm:*');
  expect(statements.filter((statement) => statement.Effect === 'Deny')).toEqual([
    expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  ]);
});

test('no transwrap task reporting its load for 3 minutes is an alarm: silence counts as a breach', () => {
  const silent = alarm('TranswrapSilent');
  expect(silent).toMatchObject({
    Namespace: LOAD_METRIC_NAMESPACE,
    MetricName: LOAD_METRIC,
    Statistic: 'SampleCount',
    Threshold: 1,
    ComparisonOperator: 'LessThanThreshold',
    TreatMissingData: 'breaching',
    EvaluationPeriods: 3,
  });
  // The same series the service scales on, i.e. what transwrap's tasks are told to report.
  const [scaling] = propertiesOfType<{
    TargetTrackingScalingPolicyConfiguration: {
      CustomizedMetricSpecification?: { Dimensions: { Name: string; Value: CfnValue }[] };
    };
  }>(backend().stacks.ingest, 'AWS::ApplicationAutoScaling::ScalingPolicy').filter(
    (policy) => policy.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification,
  );
  expect(silent.Dimensions).toEqual(
    scaling!.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification!.Dimensions,
  );
  expect(dimension(silent, SERVICE_DIMENSION)).toBeTruthy();
});

test('the other alarms watch transwrap’s target group, the events’ dead-letter queue, the IVS control function and the API', () => {
  const synthesized = backend();
  const unhealthy = fromOtherStack(synthesized, dimension(alarm('TranswrapUnhealthy'), 'TargetGroup'));
  expect(unhealthy.stack).toBe('ingest');
  expect(
    resourcesOfType(synthesized.stacks.ingest, 'AWS::ElasticLoadBalancingV2::TargetGroup'),
  ).toHaveProperty(logicalIdOf(unhealthy.value));
  expect(alarm('TranswrapUnhealthy').TreatMissingData).toBe('notBreaching');

  // Each newly undelivered event, not the queue's depth (which stays up while events wait there).
  expect(alarm('EventsUndelivered')).toMatchObject({ MetricName: 'NumberOfMessagesSent', Statistic: 'Sum' });
  const queue = fromOtherStack(synthesized, dimension(alarm('EventsUndelivered'), 'QueueName'));
  expect(queue.stack).toBe('events');
  const deadLetters = propertiesOfType<{ Targets: { DeadLetterConfig: { Arn: CfnValue } }[] }>(
    synthesized.stacks.events,
    'AWS::Events::Rule',
  ).map((rule) => logicalIdOf(rule.Targets[0]!.DeadLetterConfig.Arn));
  expect(new Set(deadLetters)).toEqual(new Set([logicalIdOf(queue.value)]));

  const ivsControl = fromOtherStack(synthesized, dimension(alarm('IvsControlErrors'), 'FunctionName'));
  expect(ivsControl.stack).toBe('api');
  expect(logicalIdOf(ivsControl.value)).toMatch(/IvsControlFunction/);
  expect(synthesized.stacks.api.Resources[logicalIdOf(ivsControl.value)]!.Type).toBe('AWS::Lambda::Function');

  const api = fromOtherStack(synthesized, dimension(alarm('ApiServerErrors'), 'GraphQLAPIId'));
  expect(api.stack).toBe('api');
  expect(synthesized.stacks.api.Resources[logicalIdOf(api.value)]!.Type).toBe('AWS::AppSync::GraphQLApi');
  expect(alarm('ApiServerErrors')).toMatchObject({ Namespace: 'AWS/AppSync', MetricName: '5XXError' });
});
