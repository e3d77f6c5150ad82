/**
 * The viewer-count poller (resolvers/src/lambda/viewer-counts.ts), run every minute by an
 * EventBridge schedule: it reads IVS's live streams (ListStreams, which IAM cannot narrow to
 * channels: it reads counts and states, never keys) and reports each channel's count through the
 * API's one field for it. The local stack runs the same code on a timer.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import * as op from '@golive/common/api-operations';
import { allowFields } from '../api/field-access';
import { rootFieldOf } from '../api/schema';
import { lambdaRoleWritingTo } from '../lambda-role';
import { REPO_ROOT } from '../repo-root';

/** The API fields the poller calls: its own, which no other identity is granted. */
export const VIEWER_COUNT_FIELDS = [rootFieldOf(op.REPORT_VIEWER_COUNT)];

/** EventBridge's shortest schedule; IVS's own count lags about as much. */
export const VIEWER_COUNT_SCHEDULE = Duration.minutes(1);

export class ViewerCountPoller extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: { api: GraphqlApi; logRetention: RetentionDays }) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, 'resolvers/src/lambda/viewer-counts.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      timeout: Duration.seconds(50),
      memorySize: 256,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: { GRAPHQL_URL: props.api.graphqlUrl },
      logGroup,
      role: lambdaRoleWritingTo(this, 'FunctionServiceRole', logGroup),
      bundling: { minify: true, sourceMap: true },
    });
    this.function.addToRolePolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['ivs:ListStreams'], resources: ['*'] }),
    );
    Validations.of(this.function.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ivs:ListStreams has no resource type in the Service Authorization Reference: it can only be granted on *. It reads stream states and viewer counts, never keys.',
    });
    allowFields(props.api, this.function, VIEWER_COUNT_FIELDS);
    new Rule(this, 'Schedule', {
      description: "Reads IVS's viewer counts for the API",
      schedule: Schedule.rate(VIEWER_COUNT_SCHEDULE),
      targets: [new LambdaFunction(this.function, { retryAttempts: 0 })],
    });
  }
}
