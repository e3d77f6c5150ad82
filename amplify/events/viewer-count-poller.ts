/**
 * The viewer-count poller (resolvers/src/lambda/viewer-counts.ts), run every minute by an
 * EventBridge schedule: it reads IVS's live streams (ListStreams, which IAM cannot narrow to
 * channels: it reads counts and states, never keys) and reports each channel's count through the
 * API's one field for it. The local stack runs the same code on a timer.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as op from '@golive/common/api-operations';
import { allowFields } from '../api/field-access';
import { rootFieldOf } from '../api/schema';
import { projectFunction } from '../project-function';

/** The API fields the poller calls: its own, which no other identity is granted. */
export const VIEWER_COUNT_FIELDS = [rootFieldOf(op.REPORT_VIEWER_COUNT)];

/** EventBridge's shortest schedule; IVS's own count lags about as much. */
export const VIEWER_COUNT_SCHEDULE = Duration.minutes(1);

export class ViewerCountPoller extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: { api: GraphqlApi; logRetention: RetentionDays }) {
    super(scope, id);
    this.function = projectFunction(this, {
      entry: 'resolvers/src/lambda/viewer-counts.ts',
      timeout: Duration.seconds(50),
      environment: { GRAPHQL_URL: props.api.graphqlUrl },
      logRetention: props.logRetention,
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
