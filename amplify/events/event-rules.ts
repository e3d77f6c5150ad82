/**
 * EventBridge rules whose targets are AppSync mutations (no glue Lambda), one per entry of
 * resolvers/src/events/event-rules.ts: the same patterns and input mappings the local stack
 * delivers its events through. The ECS rule is narrowed to transwrap's cluster.
 */
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import type { ICluster } from 'aws-cdk-lib/aws-ecs';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { EVENT_RULES } from '@golive/resolvers/events/event-rules';
import { allowFields } from '../api/field-access';
import { rootFieldOf } from '../api/schema';

export interface EventRulesProps {
  api: GraphqlApi;
  cluster: ICluster;
}

export class EventRules extends Construct {
  readonly rules: CfnRule[] = [];
  /** Events EventBridge could not deliver to the API after its retries. */
  readonly undelivered: Queue;

  constructor(scope: Construct, id: string, { api, cluster }: EventRulesProps) {
    super(scope, id);
    const role = new Role(this, 'TargetRole', {
      // Only this account's rules may use it.
      assumedBy: new ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge calls the API mutations its rules target, and nothing else',
    });
    allowFields(
      api,
      role,
      EVENT_RULES.map((rule) => rootFieldOf(rule.graphQLOperation)),
    );
    // Events still undelivered after the retries land here instead of vanishing: a lost "task
    // stopped" would leave a dead endpoint ACTIVE until its heartbeat goes stale.
    const undelivered = (this.undelivered = new Queue(this, 'Undelivered', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    }));
    Validations.of(undelivered).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'It is the dead-letter queue: the rules’ targets send what they cannot deliver here (the check sees only SQS redrive), and the EventsUndelivered alarm watches it.',
    });
    for (const rule of EVENT_RULES) {
      const eventPattern = rule.eventPattern.source.includes('aws.ecs')
        ? {
            ...rule.eventPattern,
            detail: { ...rule.eventPattern.detail, clusterArn: [cluster.clusterArn] },
          }
        : rule.eventPattern;
      this.rules.push(
        new CfnRule(this, rule.name, {
          // No name: CloudFormation makes unique ones (a deployment id leaves no room in 64 characters).
          description: `${rule.eventPattern['detail-type'][0]} -> ${rootFieldOf(rule.graphQLOperation).fieldName}`,
          eventPattern,
          targets: [
            {
              id: 'api',
              arn: api.graphQLEndpointArn,
              roleArn: role.roleArn,
              appSyncParameters: { graphQlOperation: rule.graphQLOperation },
              inputTransformer: { inputPathsMap: rule.inputPathsMap, inputTemplate: rule.inputTemplate },
              // Reports carry their time and older ones are ignored, so retrying is safe.
              retryPolicy: { maximumEventAgeInSeconds: 600, maximumRetryAttempts: 20 },
              deadLetterConfig: { arn: undelivered.queueArn },
            },
          ],
        }),
      );
    }
    // Only these rules may put their undelivered events there.
    undelivered.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [undelivered.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.rules.map((rule) => rule.attrArn) } },
      }),
    );
  }
}
