/**
 * Looks up, when deploying, what CloudFront VPC origins require of this account and region
 * (../vpc-origin-requirements.ts): Amplify stacks have no fixed account or region at synthesis, so
 * CDK's context lookups (PrefixList.fromLookup, the account's AZ names) cannot be used.
 */
import { CustomResource, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { projectFunction } from '../../project-function';
import { logicalIdOf } from '../../logical-id';
import {
  CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
  VPC_ORIGIN_UNSUPPORTED_AZ_IDS,
} from '../vpc-origin-requirements';
import type { LookupData, LookupProperties } from './handler';

export class VpcOriginLookup extends Construct {
  /** Two AZ names (this account's) whose IDs CloudFront VPC origins accept. */
  readonly availabilityZones: string[];
  /** The id of `com.amazonaws.global.cloudfront.origin-facing` in this region. */
  readonly cloudFrontPrefixListId: string;

  constructor(scope: Construct, id: string, { logRetention }: { logRetention: RetentionDays }) {
    super(scope, id);
    const logs = (name: string) =>
      new LogGroup(this, name, { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const onEvent = projectFunction(this, {
      entry: 'amplify/ingest/vpc-origin-lookup/handler.ts',
      timeout: Duration.seconds(30),
      logRetention,
    });
    // Both are read-only and EC2 authorizes neither on a resource: "*" is the only choice.
    onEvent.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ec2:DescribeAvailabilityZones', 'ec2:DescribeManagedPrefixLists'],
        resources: ['*'],
      }),
    );
    const provider = new Provider(this, 'Provider', {
      onEventHandler: onEvent,
      logGroup: logs('ProviderLogs'),
    });
    Validations.of(onEvent.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ec2:DescribeAvailabilityZones and ec2:DescribeManagedPrefixLists are authorized on "*" only; both only read.',
    });
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK’s custom resource framework function, which only relays to the lookup; the managed policy lets it write its logs.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(onEvent)}.Arn>:*]`,
        reason: 'CDK’s framework may invoke the lookup function and its versions; no other function.',
      },
    );
    const properties: LookupProperties = {
      PrefixListName: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
      UnsupportedZoneIds: [...VPC_ORIGIN_UNSUPPORTED_AZ_IDS],
    };
    const lookup = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::VpcOriginLookup',
      properties,
    });
    const data = (name: keyof LookupData & string) => lookup.getAttString(name);
    this.availabilityZones = [data('AvailabilityZone1'), data('AvailabilityZone2')];
    this.cloudFrontPrefixListId = data('CloudFrontPrefixListId');
  }
}
