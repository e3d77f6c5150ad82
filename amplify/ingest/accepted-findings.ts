/**
 * The AWS Solutions checks (cdk-nag, run over the synthesized stacks by aws-solutions-checks.test.ts)
 * that the ingest path does not meet, each with why. Everything else they ask for is done.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { Cluster, FargateTaskDefinition } from 'aws-cdk-lib/aws-ecs';
import type { ApplicationLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { logicalIdOf } from '../logical-id';

export interface IngestParts {
  distribution: Distribution;
  balancer: ApplicationLoadBalancer;
  cluster: Cluster;
  taskDefinition: FargateTaskDefinition;
}

const CONSOLE_AND_LOGS =
  'transwrap logs every broadcast session (start, resume, close code, channel) to its log group';

export function acknowledgeIngestFindings(
  scope: Construct,
  { distribution, balancer, cluster, taskDefinition }: IngestParts,
): void {
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR1',
      reason: 'Sellers go live from anywhere; IVS serves their viewers worldwide. No country is refused.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'A web ACL costs $5 a month plus $1 per rule, idle or not; this distribution serves one request per broadcast (the WebSocket upgrade), which transwrap refuses without a valid, single-use ticket from the authenticated API, and it limits connections per address.',
    },
    {
      id: 'AwsSolutions-CFR3',
      reason: `One request per broadcast passes here and ${CONSOLE_AND_LOGS}. Standard logs would need an S3 bucket with ACLs in this stack (v2 log delivery to CloudWatch is set up in us-east-1, which a stack in another region cannot do).`,
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'No custom domain: the distribution uses CloudFront’s *.cloudfront.net certificate, whose minimum protocol CloudFront fixes (TLSv1); the only clients are current browsers, which negotiate TLS 1.2 or 1.3. A custom domain with an ACM certificate would allow TLSv1.2_2021.',
    },
  );
  Validations.of(balancer).acknowledge({
    id: 'AwsSolutions-ELB2',
    reason: `Internal, reachable only through CloudFront's VPC origin, forwarding only /ingest: ${CONSOLE_AND_LOGS}. Access logs would need a bucket whose policy names the region's load-balancing account, which a region-agnostic Amplify stack cannot name at synthesis.`,
  });
  Validations.of(cluster).acknowledge({
    id: 'AwsSolutions-ECS4',
    reason:
      'Container Insights is billed per metric, idle or not; the service is scaled and alarmed on the load transwrap reports itself, on CPU, and on the load balancer’s healthy-host count (operations/alarms.ts).',
  });
  Validations.of(taskDefinition).acknowledge(
    {
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds no secret: the public wss:// URL, region, API URL, user pool issuer and client id, allowed origins and sizing. transwrap signs its API calls with the task role.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The execution role pulls the image from ECR: ecr:GetAuthorizationToken is authorized on "*" only (ECR has no resource for it); the pull itself is granted on this repository.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:aws:ecs:<AWS::Region>:<AWS::AccountId>:task/<${logicalIdOf(cluster)}>/*]`,
      reason:
        'Task scale-in protection for this cluster’s tasks, whose ids ECS makes at run time: the ARN is fixed up to the task id.',
    },
  );
  acknowledgeDeployTimeBuild(Stack.of(scope));
}

/**
 * @cdklabs/deploy-time-build's CodeBuild project and custom resource handler, which it makes once
 * per stack (so they sit at the stack's root, named by its fixed UUIDs).
 */
function acknowledgeDeployTimeBuild(stack: Stack): void {
  const library = 'Made by @cdklabs/deploy-time-build, as it builds every image;';
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('DeployTimeBuildCustomResourceHandler')) {
      Validations.of(child).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: `${library} the managed policy lets its handler write its own logs.`,
        },
        { id: 'AwsSolutions-L1', reason: `${library} it pins the handler’s runtime.` },
      );
    } else if (child.node.id.startsWith('ContainerImageBuild')) {
      const project = logicalIdOf(child);
      Validations.of(child).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly]',
          reason: `${library} the build pulls its base image (node, from ECR Public) read-only.`,
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: `${library} ecr:GetAuthorizationToken is authorized on "*" only; pushing is granted on this deployment's repository.`,
        },
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/codebuild/<${project}>:*]`,
          reason: `${library} the build's own log group and its streams, which CodeBuild names per build.`,
        },
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:codebuild:<AWS::Region>:<AWS::AccountId>:report-group/<${project}>-*]`,
          reason: `${library} CodeBuild's report groups for this project only.`,
        },
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*'].map((action) => ({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: `${library} the build reads its source upload (this deployment's assets) from the CDK bootstrap bucket.`,
        })),
        {
          id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
          reason: `${library} source uploads are objects of the CDK bootstrap bucket, named by content hash.`,
        },
        {
          id: 'AwsSolutions-CB4',
          reason: `${library} it builds public source into an image; CodeBuild encrypts its artifacts with the AWS-managed S3 key.`,
        },
      );
    }
  }
}
