/**
 * What an operator must hear about, on one SNS topic (email it with GOLIVE_ALARM_EMAIL, or subscribe
 * anything else to it): no transwrap task running or healthy, stream or task events not reaching
 * the API, the IVS control function failing, the API failing. Each alarm says so again when it clears.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type AlarmProps,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ApplicationTargetGroup } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperatorAlarmsProps {
  api: GraphqlApi;
  ivsControl: IFunction;
  transwrapTargets: ApplicationTargetGroup;
  /** transwrap's load metric: every running task reports it at each heartbeat. */
  transwrapLoad: Metric;
  undeliveredEvents: IQueue;
  /** Who gets the alarms by email (a confirmation email comes first). */
  email?: string;
}

/** An alarm's props, none left to CDK's defaults; its construct id. */
type AlarmSpec = { id: string } & Required<
  Pick<
    AlarmProps,
    | 'alarmDescription'
    | 'metric'
    | 'threshold'
    | 'comparisonOperator'
    | 'evaluationPeriods'
    | 'treatMissingData'
  >
>;

export class OperatorAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'GoLive alarms', enforceSSL: true });
    // The topic policy CDK writes for enforceSSL replaces SNS's default one: CloudWatch must be let
    // in again, for this account's alarms only.
    const { account, region, partition } = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const action = new SnsAction(this.topic);
    this.alarms = alarmSpecs(props).map(({ id: alarmId, ...spec }) => {
      const alarm = new Alarm(this, alarmId, { ...spec, datapointsToAlarm: spec.evaluationPeriods });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return alarm;
    });
  }
}

function alarmSpecs(props: OperatorAlarmsProps): AlarmSpec[] {
  const { api, ivsControl, transwrapTargets, transwrapLoad, undeliveredEvents } = props;
  const fiveMinutes = Duration.minutes(5);
  return [
    {
      id: 'TranswrapSilent',
      alarmDescription:
        'No transwrap task has reported its load for 3 minutes: none is running, nobody can go live (see the ECS service events and the task logs).',
      // Silence is the symptom: a missing data point counts as a breach.
      metric: transwrapLoad.with({ statistic: 'SampleCount', period: Duration.minutes(1) }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.BREACHING,
    },
    {
      id: 'TranswrapUnhealthy',
      alarmDescription:
        'No transwrap task passes the load balancer’s health check: broadcasters are turned away (see the target group’s health and the task logs).',
      metric: transwrapTargets.metrics.healthyHostCount({
        period: Duration.minutes(1),
        statistic: 'Minimum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    },
    {
      id: 'EventsUndelivered',
      alarmDescription:
        'EventBridge could not deliver IVS stream or ECS task events to the API: channel statuses or endpoints may be stale (the messages wait in the dead-letter queue for 14 days).',
      // Events newly undelivered, not the queue's depth: what waits there would hold the alarm for
      // 14 days and hide every later failure.
      metric: undeliveredEvents.metricNumberOfMessagesSent({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    },
    {
      id: 'IvsControlErrors',
      alarmDescription:
        'The IVS control function failed: creating, stopping or deleting channels may not work (see its log group).',
      metric: ivsControl.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    },
    {
      id: 'ApiServerErrors',
      alarmDescription: 'The GraphQL API answered with server errors (5xx) for 10 minutes.',
      metric: new Metric({
        namespace: 'AWS/AppSync',
        metricName: '5XXError',
        dimensionsMap: { GraphQLAPIId: api.apiId },
        period: fiveMinutes,
        statistic: 'Sum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    },
  ];
}
