/**
 * In AWS the viewer-count poller runs every minute: an EventBridge schedule invokes the function
 * built from the code the local stack runs on a timer, which is told the API's URL and may call
 * only its own API field.
 */
import { textOf, type CfnValue, type PolicyDocument } from '../testing/cfn-shapes';
import { propertiesOfType, useSynthesizedBackend } from '../testing/synthesize';

const backend = useSynthesizedBackend();

describe('the viewer-count poller', () => {
  it('is invoked every minute by a schedule', () => {
    const rules = propertiesOfType<{ ScheduleExpression?: string; Targets: { Arn: CfnValue }[] }>(
      backend().stacks.viewers,
      'AWS::Events::Rule',
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]!.ScheduleExpression).toBe('rate(1 minute)');
    expect(textOf(rules[0]!.Targets[0]!.Arn)).toMatch(/ViewerCountsFunction/);
  });

  it("runs resolvers/src/lambda/viewer-counts.ts's handler with the API's URL, calling only reportViewerCount", () => {
    const [fn] = propertiesOfType<{ Handler: string; Environment: { Variables: Record<string, CfnValue> } }>(
      backend().stacks.viewers,
      'AWS::Lambda::Function',
    );
    expect(fn!.Handler).toBe('index.handler');
    expect(textOf(fn!.Environment.Variables.GRAPHQL_URL)).toMatch(/GraphQLUrl/i);
    const policies = propertiesOfType<{ PolicyDocument: PolicyDocument }>(
      backend().stacks.viewers,
      'AWS::IAM::Policy',
    );
    const appsync = policies
      .flatMap((policy) => policy.PolicyDocument.Statement)
      .filter((statement) => textOf(statement.Action).includes('appsync:GraphQL'));
    expect(appsync).toHaveLength(1);
    expect(textOf(appsync[0]!.Resource)).toMatch(/\/types\/Mutation\/fields\/reportViewerCount"/);
    expect(textOf(appsync[0]!.Resource)).not.toMatch(/fields\/(?!reportViewerCount)/);
  });
});
