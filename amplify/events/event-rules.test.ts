/**
 * In AWS, IVS stream events and ECS task events reach the API through EventBridge rules whose
 * targets are AppSync mutations. The deployed rules are the shared module's
 * (resolvers/src/events/event-rules.ts, which the local stack delivers through), and applied to
 * the events AWS documents they produce mutations the schema accepts.
 */
import { join } from 'node:path';
import { parse, validate, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { EVENT_RULES, type AppSyncEventRule } from '@golive/resolvers/events/event-rules';
import { matches, transformInput } from '@golive/local/events/event-delivery';
import { loadSchema } from '@golive/local/graphql/schema/load-schema';
import type { AwsEvent } from '@golive/local/events/aws-event';
import { asList, textOf, type CfnValue, type PolicyDocument } from '../testing/cfn-shapes';
import { propertiesOfType, resourcesOfType, useSynthesizedBackend } from '../testing/synthesize';

interface DeployedRule {
  Name?: string;
  EventPattern: AppSyncEventRule['eventPattern'] & { detail: Record<string, CfnValue[]> };
  Targets: {
    Arn: CfnValue;
    RoleArn: CfnValue;
    DeadLetterConfig?: { Arn: CfnValue };
    AppSyncParameters: { GraphQLOperation: string };
    InputTransformer: { InputPathsMap: Record<string, string>; InputTemplate: string };
  }[];
}

// With AppSync's scalars and directives, as the local server loads it.
const schema = loadSchema(join(REPO_ROOT, 'schema.graphql'));
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/golive-transwrap';

// As AWS documents them (IVS "Using Amazon EventBridge with IVS"; ECS "task state change events").
const streamEvent = (eventName: string): AwsEvent => ({
  version: '0',
  id: '01234567-0123-0123-0123-012345678901',
  'detail-type': 'IVS Stream State Change',
  source: 'aws.ivs',
  account: '123456789012',
  time: '2026-11-26T20:12:36Z',
  region: 'us-east-1',
  resources: ['arn:aws:ivs:us-east-1:123456789012:channel/AbCdef1G2hij'],
  detail: { event_name: eventName, channel_name: 'golive-seller', stream_id: 'st-1A2b3c4D5e6F78ghij9Klmn' },
});
const taskStopped: AwsEvent = {
  version: '0',
  id: '3317b2af-7005-947d-b652-f55e762e571a',
  'detail-type': 'ECS Task State Change',
  source: 'aws.ecs',
  account: '123456789012',
  time: '2026-11-26T20:13:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ecs:us-east-1:123456789012:task/golive-transwrap/7d9c8d6a2b6e4f0a9c1b2d3e4f5a6b7c'],
  detail: {
    clusterArn: CLUSTER_ARN,
    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/golive-transwrap/7d9c8d6a2b6e4f0a9c1b2d3e4f5a6b7c',
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    stoppedReason: 'Essential container in task exited',
  },
};

const backend = useSynthesizedBackend();

/** The deployed rules, each with the shared rule's name its logical id was made from. */
const deployedRules = () =>
  Object.entries(resourcesOfType<DeployedRule>(backend().stacks.events, 'AWS::Events::Rule')).map(
    ([id, rule]) => ({
      ...rule.Properties,
      sharedName:
        EVENT_RULES.find((shared) => id.startsWith(`Events${shared.name.replace(/-/g, '')}`))?.name ?? id,
    }),
  );

/** A deployed rule as the shared module spells one (the cluster reference made concrete). */
function asSharedRule(rule: DeployedRule & { sharedName: string }): AppSyncEventRule {
  const [target] = rule.Targets;
  const detail = Object.fromEntries(
    Object.entries(rule.EventPattern.detail).map(([field, values]) => [
      field,
      values.map((value) => (typeof value === 'string' ? value : CLUSTER_ARN)),
    ]),
  );
  return {
    name: rule.sharedName,
    eventPattern: { ...rule.EventPattern, detail },
    graphQLOperation: target!.AppSyncParameters.GraphQLOperation,
    inputPathsMap: target!.InputTransformer.InputPathsMap,
    inputTemplate: target!.InputTransformer.InputTemplate,
  };
}

describe('EventBridge rules', () => {
  it('are the shared module’s: same patterns, operations and input mappings', () => {
    const deployed = deployedRules().map(asSharedRule);
    expect(deployed.map((rule) => rule.name).sort()).toEqual(EVENT_RULES.map((rule) => rule.name).sort());
    for (const shared of EVENT_RULES) {
      const rule = deployed.find((r) => r.name === shared.name)!;
      const { clusterArn, ...detail } = rule.eventPattern.detail;
      expect({ ...rule, eventPattern: { ...rule.eventPattern, detail } }).toEqual(shared);
      // Only transwrap's own cluster's tasks mark endpoints STOPPED.
      if (shared.eventPattern.source.includes('aws.ecs')) expect(clusterArn).toEqual([CLUSTER_ARN]);
      else expect(clusterArn).toBeUndefined();
    }
  });

  it('target the API’s GraphQL endpoint with a role that may call only their mutations', () => {
    const rules = deployedRules();
    for (const rule of rules) {
      // Named by CloudFormation: names made from a deployment id would not fit 64 characters apart.
      expect(rule.Name).toBeUndefined();
      expect(rule.Targets).toHaveLength(1);
      expect(textOf(rule.Targets[0]!.Arn)).toMatch(/GraphQLEndpointArn|GraphQlEndpointArn/i);
    }
    const [policy] = propertiesOfType<{ PolicyDocument: PolicyDocument }>(
      backend().stacks.events,
      'AWS::IAM::Policy',
    );
    const statements = policy!.PolicyDocument.Statement;
    expect(statements.flatMap((s) => asList(s.Action))).toEqual(['appsync:GraphQL']);
    const fields = statements
      .flatMap((s) => asList(s.Resource))
      .map((resource) => textOf(resource).match(/\/types\/Mutation\/fields\/(\w+)/)?.[1]);
    expect(fields.sort()).toEqual(['reportStreamStatus', 'setEndpointStatus']);
  });

  it('keep what they could not deliver in a queue that only they may write to', () => {
    const queues = Object.keys(resourcesOfType(backend().stacks.events, 'AWS::SQS::Queue'));
    expect(queues).toHaveLength(1);
    for (const rule of deployedRules()) {
      expect(rule.Targets[0]!.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queues[0], 'Arn'] } });
    }
    const policies = propertiesOfType<{ PolicyDocument: PolicyDocument }>(
      backend().stacks.events,
      'AWS::SQS::QueuePolicy',
    );
    const sends = policies
      .flatMap((policy) => policy.PolicyDocument.Statement)
      .filter((statement) => asList(statement.Action).includes('sqs:SendMessage'));
    expect(sends).toHaveLength(1);
    const sources = textOf(sends[0]!.Condition?.ArnEquals?.['aws:SourceArn']);
    for (const id of Object.keys(resourcesOfType(backend().stacks.events, 'AWS::Events::Rule')))
      expect(sources).toContain(id);
  });

  it.each([
    ['Stream Start', 'LIVE'],
    ['Stream End', 'OFFLINE'],
  ])(
    'turn IVS’s “%s” into reportStreamStatus %s for the channel’s ARN, at the event’s time',
    (eventName, status) => {
      const event = streamEvent(eventName);
      const matching = deployedRules()
        .map(asSharedRule)
        .filter((rule) => matches(rule, event));
      expect(matching).toHaveLength(1);
      const variables = transformInput(matching[0]!, event);
      expect(variables).toEqual({
        input: { channelArn: event.resources[0], status, at: event.time },
      });
      expectValidOperation(matching[0]!.graphQLOperation, variables);
    },
  );

  it('turn a stopped transwrap task into setEndpointStatus STOPPED for that task', () => {
    const matching = deployedRules()
      .map(asSharedRule)
      .filter((rule) => matches(rule, taskStopped));
    expect(matching).toHaveLength(1);
    const variables = transformInput(matching[0]!, taskStopped);
    expect(variables).toEqual({ id: taskStopped.detail.taskArn, status: 'STOPPED' });
    expectValidOperation(matching[0]!.graphQLOperation, variables);
    // Another cluster's tasks are not ours.
    const elsewhere = {
      ...taskStopped,
      detail: { ...taskStopped.detail, clusterArn: `${CLUSTER_ARN}-other` },
    };
    expect(
      deployedRules()
        .map(asSharedRule)
        .filter((rule) => matches(rule, elsewhere)),
    ).toHaveLength(0);
  });
});

/** The operation is valid against schema.graphql and the variables coerce to its variable types. */
function expectValidOperation(operation: string, variables: unknown) {
  const document = parse(operation);
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  const definition = document.definitions[0] as OperationDefinitionNode;
  const coerced = getVariableValues(
    schema,
    definition.variableDefinitions ?? [],
    variables as Record<string, unknown>,
  );
  expect(coerced.errors?.map((e) => e.message)).toBeUndefined();
}
