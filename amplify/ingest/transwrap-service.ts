/**
 * transwrap on Fargate, reachable from an HTTPS page as wss:// without a custom domain:
 * browser --wss--> CloudFront (TLS, WebSockets) --VPC origin--> internal ALB --> tasks.
 *
 * The ALB lives in isolated subnets with no route from the internet: CloudFront's VPC origin is
 * its only way in. Tasks sit in public subnets (their own egress to AppSync and IVS's RTMPS ingest,
 * no NAT gateway to pay per GB of video) and accept traffic from the ALB only.
 */
import { Duration, IgnoreMode, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { VpcOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { FlowLogDestination, FlowLogTrafficType, Peer, Port, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Repository } from 'aws-cdk-lib/aws-ecr';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { ContainerImageBuild } from '@cdklabs/deploy-time-build';
import {
  Cluster,
  CpuArchitecture,
  DeploymentControllerType,
  FargateService,
  FargateTaskDefinition,
  LogDrivers,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import {
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ListenerAction,
  ListenerCondition,
  Protocol,
  type ApplicationTargetGroup,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { LOAD_METRIC, SERVICE_DIMENSION } from '@golive/transwrap/server/load-metric';
import { Construct } from 'constructs';
import { allowFields } from '../api/field-access';
import { serviceFields } from '../api/schema';
import { VIEWER_COUNT_FIELDS } from '../events/viewer-count-poller';
import { REPO_ROOT } from '../repo-root';
import type { DeploymentSettings } from '../settings';
import { acknowledgeIngestFindings } from './accepted-findings';
import { VpcOriginLookup } from './vpc-origin-lookup/vpc-origin-lookup';

export const TRANSWRAP_PORT = 8090;
export const INGEST_PATH = '/ingest';
export const HEALTH_PATH = '/health';
/** Where transwrap's load metric goes (transwrap/src/server/load-metric.ts). */
export const LOAD_METRIC_NAMESPACE = 'GoLive/Transwrap';
/** Proxies in front of transwrap that append to X-Forwarded-For: CloudFront, then the ALB. */
export const PROXY_HOPS = 2;

export interface TranswrapServiceProps {
  api: GraphqlApi;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  settings: DeploymentSettings;
}

export class TranswrapService extends Construct {
  readonly cluster: Cluster;
  readonly service: FargateService;
  readonly distribution: Distribution;
  /** The load balancer's view of the tasks: how many are healthy. */
  readonly targets: ApplicationTargetGroup;
  /** What every running task reports at each heartbeat: its load, averaged per minute. */
  readonly load: Metric;
  /** What browsers are sent to (each ticket's url): wss://<distribution>/ingest. */
  readonly publicUrl: string;

  constructor(
    scope: Construct,
    id: string,
    { api, userPool, userPoolClient, settings }: TranswrapServiceProps,
  ) {
    super(scope, id);
    const sizing = settings.transwrap;
    const { region, account } = Stack.of(this);

    // The zones and CloudFront's prefix list, as this account and region have them at deploy time.
    const vpcOrigin = new VpcOriginLookup(this, 'VpcOriginLookup', { logRetention: settings.logRetention });
    const vpc = new Vpc(this, 'Vpc', {
      // By AZ ID: CloudFront refuses a VPC origin in some zones, whatever the account calls them.
      availabilityZones: vpcOrigin.availabilityZones,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'tasks', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'balancer', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    // Rejected connections (what the security groups turn away, probes of the tasks' public
    // addresses included), to look into an incident; accepted traffic is video, left out.
    vpc.addFlowLog('RejectedTraffic', {
      destination: FlowLogDestination.toCloudWatchLogs(
        new LogGroup(this, 'RejectedTrafficLogs', {
          retention: settings.logRetention,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      ),
      trafficType: FlowLogTrafficType.REJECT,
    });
    this.cluster = new Cluster(this, 'Cluster', { vpc });

    const balancer = new ApplicationLoadBalancer(this, 'Balancer', {
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      // A broadcast's socket carries media all the time; this only bounds a silent one.
      idleTimeout: Duration.seconds(120),
    });
    // CloudFront's VPC origin connects from its origin-facing addresses, not from the VPC's range.
    balancer.connections.allowFrom(
      Peer.prefixList(vpcOrigin.cloudFrontPrefixListId),
      Port.tcp(80),
      'CloudFront VPC origin (origin-facing prefix list)',
    );
    // CloudFront forwards every path here, so the balancer decides what is public: the ingest
    // WebSocket only. /health and /metrics are for the balancer's health checks (which go to the
    // targets directly, not through this listener) and for operators inside the VPC.
    const listener = balancer.addListener('Http', {
      port: 80,
      protocol: ApplicationProtocol.HTTP,
      open: false,
      defaultAction: ListenerAction.fixedResponse(404, {
        contentType: 'text/plain',
        messageBody: 'Not found',
      }),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `transwrap ingest (${settings.deploymentId})`,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: VpcOrigin.withApplicationLoadBalancer(balancer, {
          protocolPolicy: OriginProtocolPolicy.HTTP_ONLY,
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        // Nothing is cacheable; WebSocket upgrades need the viewer's headers (Sec-WebSocket-*,
        // Origin for transwrap's origin check) and the ALB's stickiness cookie.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER,
      },
    });
    // A VPC origin needs the VPC's internet gateway attached first (CloudFront checks on creation).
    const gatewayAttachment = vpc.node.findChild('VPCGW');
    for (const child of this.distribution.node.findAll()) {
      if (child.node.id.endsWith('VpcOrigin')) child.node.addDependency(gatewayAttachment);
    }
    this.publicUrl = `wss://${this.distribution.distributionDomainName}${INGEST_PATH}`;

    const taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: sizing.cpu,
      memoryLimitMiB: sizing.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.X86_64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
    });
    const logGroup = new LogGroup(this, 'Logs', {
      retention: settings.logRetention,
      // Logs age out by retention; nothing to keep once the deployment is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Built by CodeBuild at deploy time from transwrap/Dockerfile: Amplify Hosting's build, which
    // runs `npm run deploy`, has no Docker (nor need a developer's machine for a sandbox).
    const repository = new Repository(this, 'Images', {
      imageScanOnPush: true,
      lifecycleRules: [{ maxImageCount: 10, description: 'the last ten builds' }],
      // Images are rebuilt from the repository's source: nothing to keep when the stack goes.
      removalPolicy: RemovalPolicy.DESTROY,
      emptyOnDelete: true,
    });
    const image = new ContainerImageBuild(this, 'Image', {
      repository,
      directory: REPO_ROOT,
      file: 'transwrap/Dockerfile',
      platform: Platform.LINUX_AMD64,
      // .dockerignore read as Docker reads it: only what the Dockerfile copies is uploaded.
      ignoreMode: IgnoreMode.DOCKER,
    });
    taskDefinition.addContainer('transwrap', {
      image: image.toEcsDockerImageCode(),
      portMappings: [{ containerPort: TRANSWRAP_PORT }],
      logging: LogDrivers.awsLogs({ logGroup, streamPrefix: 'transwrap' }),
      environment: {
        HOST: '0.0.0.0',
        PORT: String(TRANSWRAP_PORT),
        PUBLIC_URL: this.publicUrl,
        REGION: region,
        AWS_REGION: region,
        API_URL: api.graphqlUrl,
        COGNITO_ISSUER: `https://cognito-idp.${region}.amazonaws.com/${userPool.userPoolId}`,
        COGNITO_CLIENT_IDS: userPoolClient.userPoolClientId,
        ALLOWED_ORIGINS: settings.appOrigins.join(','),
        CAPACITY: String(sizing.capacity),
        TRUSTED_PROXY_HOPS: String(PROXY_HOPS),
        DRAIN_DEADLINE_MS: String(sizing.drainDeadline.toMilliseconds()),
        LOAD_METRIC_NAMESPACE: LOAD_METRIC_NAMESPACE,
        LOAD_METRIC_SERVICE: settings.deploymentId,
      },
      // SIGTERM starts transwrap's drain; SIGKILL only after its deadline and a margin to exit.
      stopTimeout: sizing.drainDeadline.plus(Duration.seconds(10)),
    });
    // The service's API calls, and nothing else (the schema's IAM-only fields, less the poller's).
    const pollerFields = new Set(VIEWER_COUNT_FIELDS.map((field) => field.fieldName));
    allowFields(
      api,
      taskDefinition.taskRole,
      serviceFields().filter((field) => !pollerFields.has(field.fieldName)),
    );

    // Scale-in protection for a task carrying broadcasts (transwrap/src/api/task-protection.ts):
    // the ECS agent calls this with the task role, for this cluster's tasks only.
    taskDefinition.taskRole.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ecs:UpdateTaskProtection', 'ecs:GetTaskProtection'],
        resources: [`arn:aws:ecs:${region}:${account}:task/${this.cluster.clusterName}/*`],
      }),
    );

    this.service = new FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition,
      desiredCount: sizing.minTasks,
      assignPublicIp: true,
      vpcSubnets: { subnetType: SubnetType.PUBLIC },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      deploymentController: { type: DeploymentControllerType.ECS },
      healthCheckGracePeriod: Duration.seconds(30),
    });
    this.service.connections.allowFrom(balancer, Port.tcp(TRANSWRAP_PORT), 'the load balancer only');

    const targets = (this.targets = listener.addTargets('Transwrap', {
      priority: 1,
      conditions: [ListenerCondition.pathPatterns([INGEST_PATH])],
      port: TRANSWRAP_PORT,
      protocol: ApplicationProtocol.HTTP,
      targets: [this.service],
      healthCheck: {
        path: HEALTH_PATH,
        protocol: Protocol.HTTP,
        // 503 while draining: the ALB stops sending new broadcasters to a draining task.
        healthyHttpCodes: '200',
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
      },
      // ECS deregisters a task and waits this long BEFORE its SIGTERM, and the ALB then cuts what is
      // left: busy tasks avoid that by protecting themselves (transwrap/src/api/task-protection.ts),
      // so this only bounds how long stopping an idle or failed task takes.
      deregistrationDelay: sizing.drainDeadline.plus(Duration.seconds(5)),
    }));
    // A broadcaster who reconnects (resume) comes back to the task holding its session,
    // where the browser keeps the ALB's cookie.
    targets.enableCookieStickiness(Duration.hours(1));

    acknowledgeIngestFindings(this, {
      distribution: this.distribution,
      balancer,
      cluster: this.cluster,
      taskDefinition,
    });

    const scaling = this.service.autoScaleTaskCount({
      minCapacity: sizing.minTasks,
      maxCapacity: sizing.maxTasks,
    });
    // transwrap's own load (broadcasts / capacity), which it logs in CloudWatch's embedded metric
    // format at each heartbeat: averaged over the tasks, the measure of how full the service is.
    this.load = new Metric({
      namespace: LOAD_METRIC_NAMESPACE,
      metricName: LOAD_METRIC,
      dimensionsMap: { [SERVICE_DIMENSION]: settings.deploymentId },
      statistic: Stats.AVERAGE,
      period: Duration.minutes(1),
    });
    scaling.scaleToTrackCustomMetric('Load', {
      metric: this.load,
      targetValue: sizing.targetLoadPercent,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.minutes(10),
    });
    // CPU too: VP8 from Firefox is transcoded, which fills a task long before its capacity does.
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: sizing.targetCpuPercent,
      scaleOutCooldown: Duration.seconds(60),
      // Slow to scale in: every task removed cuts its broadcasts over to another task.
      scaleInCooldown: Duration.minutes(10),
    });
  }
}
