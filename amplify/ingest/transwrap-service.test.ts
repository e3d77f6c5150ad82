/**
 * How a broadcaster's browser reaches transwrap in AWS, and how transwrap runs there: wss:// at
 * CloudFront, through an internal load balancer that only CloudFront reaches, to Fargate tasks
 * that only the load balancer reaches; health checks on /health; scaling within bounds; a task
 * stopped for scale-in or deployment gets transwrap's whole drain; and the task may call exactly
 * the API fields transwrap calls.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentNode } from 'graphql';
import * as operations from '@golive/common/api-operations';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { DEFAULTS, loadConfig } from '@golive/transwrap/config';
import { rootFieldOf } from '../api/schema';
import { LOAD_METRIC, SERVICE_DIMENSION } from '@golive/transwrap/server/load-metric';
import { listenerOf, routeOf } from '../testing/alb-routing';
import { asList, textOf, type CfnValue, type PolicyDocument } from '../testing/cfn-shapes';
import { deployNetwork } from '../testing/deployed-network';
import { US_EAST_1 } from '../testing/sample-accounts';
import {
  propertiesOfType,
  resourcesOfType,
  useSynthesizedBackend,
  type CfnTemplate,
} from '../testing/synthesize';
import {
  CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
  VPC_ORIGIN_UNSUPPORTED_AZ_IDS,
} from './vpc-origin-requirements';

// CloudFront's managed policies (the same ids in every account).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';

interface Container {
  Name: string;
  Image: CfnValue;
  Environment: { Name: string; Value: CfnValue }[];
  PortMappings: { ContainerPort: number }[];
  StopTimeout: number;
}
interface TargetGroup {
  Port: number;
  HealthCheckPath: string;
  Matcher: { HttpCode: string };
  TargetGroupAttributes: { Key: string; Value: string }[];
}
interface Distribution {
  DistributionConfig: {
    DefaultCacheBehavior: Record<string, CfnValue>;
    Origins: { DomainName: CfnValue; VpcOriginConfig?: { VpcOriginId: CfnValue } }[];
  };
}

interface IngressRule {
  IpProtocol: string;
  FromPort: number;
  ToPort: number;
  CidrIp?: CfnValue;
  SourcePrefixListId?: CfnValue;
  SourceSecurityGroupId?: CfnValue;
}

/** Every rule admitting traffic into one security group: inline and standalone ones. */
function ingressOf(template: CfnTemplate, groupId: string): IngressRule[] {
  const inline = resourcesOfType<{ SecurityGroupIngress?: IngressRule[] }>(
    template,
    'AWS::EC2::SecurityGroup',
  )[groupId]?.Properties.SecurityGroupIngress;
  const standalone = propertiesOfType<IngressRule & { GroupId: CfnValue }>(
    template,
    'AWS::EC2::SecurityGroupIngress',
  ).filter((rule) => textOf(rule.GroupId) === JSON.stringify({ 'Fn::GetAtt': [groupId, 'GroupId'] }));
  return [...(inline ?? []), ...standalone];
}

/** A construct in the cloud assembly's tree.json, with the library class that made it. */
interface ConstructNode {
  id: string;
  constructInfo?: { fqn: string };
  children?: Record<string, ConstructNode>;
}
function constructsOf(node: ConstructNode): ConstructNode[] {
  return [node, ...Object.values(node.children ?? {}).flatMap(constructsOf)];
}

/** The root fields of the operations transwrap's control plane sends (transwrap/src/api/control-plane.ts). */
function fieldsTranswrapCalls(): string[] {
  const source = readFileSync(join(REPO_ROOT, 'transwrap/src/api/control-plane.ts'), 'utf8');
  const imported = source.match(/import \{([^}]+)\} from '@golive\/common\/api-operations'/)?.[1] ?? '';
  const names = imported
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  expect(names.length).toBeGreaterThan(0);
  return names.map((name) => {
    const { typeName, fieldName } = rootFieldOf(
      (operations as unknown as Record<string, DocumentNode>)[name]!,
    );
    return `${typeName}.${fieldName}`;
  });
}

describe('transwrap on Fargate (sandbox)', () => {
  const backend = useSynthesizedBackend();
  const ingest = () => backend().stacks.ingest;
  const container = () =>
    propertiesOfType<{ ContainerDefinitions: Container[] }>(ingest(), 'AWS::ECS::TaskDefinition')[0]!
      .ContainerDefinitions[0]!;
  const env = () => Object.fromEntries(container().Environment.map((e) => [e.Name, e.Value]));
  const targetGroupId = () =>
    Object.keys(resourcesOfType(ingest(), 'AWS::ElasticLoadBalancingV2::TargetGroup'))[0]!;
  const targetGroup = () =>
    propertiesOfType<TargetGroup>(ingest(), 'AWS::ElasticLoadBalancingV2::TargetGroup')[0]!;
  const attribute = (key: string) => targetGroup().TargetGroupAttributes.find((a) => a.Key === key)?.Value;
  const balancerGroupId = () => {
    const [balancer] = propertiesOfType<{ SecurityGroups: CfnValue[] }>(
      ingest(),
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
    );
    expect(balancer?.SecurityGroups).toHaveLength(1);
    return (balancer!.SecurityGroups[0] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  };

  it('answers wss:// at CloudFront, uncached, with the viewer headers a WebSocket upgrade needs', () => {
    const [distribution] = propertiesOfType<Distribution>(ingest(), 'AWS::CloudFront::Distribution');
    const behavior = distribution!.DistributionConfig.DefaultCacheBehavior;
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER,
    });
    expect(asList(behavior.AllowedMethods as CfnValue[])).toContain('GET');
    // Browsers are given that address (each ticket's url): wss://<distribution>/ingest.
    expect(textOf(env().PUBLIC_URL)).toMatch(
      /^\{"Fn::Join":\["",\["wss:\/\/",\{"Fn::GetAtt":\["TranswrapDistribution\w+","DomainName"\]\},"\/ingest"\]\]\}$/,
    );
  });

  it('reaches the load balancer only through a CloudFront VPC origin: the balancer is internal, in isolated subnets', () => {
    const [distribution] = propertiesOfType<Distribution>(ingest(), 'AWS::CloudFront::Distribution');
    const [origin] = distribution!.DistributionConfig.Origins;
    expect(textOf(origin?.VpcOriginConfig?.VpcOriginId)).toContain('VpcOrigin');
    const [vpcOrigin] = propertiesOfType<{
      VpcOriginEndpointConfig: { Arn: CfnValue; OriginProtocolPolicy: string };
    }>(ingest(), 'AWS::CloudFront::VpcOrigin');
    const balancers = resourcesOfType<{ Scheme: string; Subnets: CfnValue[]; SecurityGroups: CfnValue[] }>(
      ingest(),
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
    );
    expect(Object.keys(balancers)).toHaveLength(1);
    const [balancerId, balancer] = Object.entries(balancers)[0]!;
    expect(vpcOrigin?.VpcOriginEndpointConfig.Arn).toEqual({ Ref: balancerId });
    // CloudFront refuses a VPC origin in a VPC whose internet gateway is not attached yet.
    const [origin2] = Object.values(resourcesOfType(ingest(), 'AWS::CloudFront::VpcOrigin')) as {
      DependsOn?: string[];
    }[];
    expect(origin2?.DependsOn?.some((id) => /VPCGW/.test(id))).toBe(true);
    expect(balancer.Properties.Scheme).toBe('internal');
    expect(textOf(balancer.Properties.Subnets)).toMatch(/balancerSubnet/);
    // No NAT: nothing in the balancer's subnets can reach or be reached from the internet.
    expect(resourcesOfType(ingest(), 'AWS::EC2::NatGateway')).toEqual({});
  });

  it('admits CloudFront’s VPC origin: once deployed, the balancer’s only way in is port 80 from CloudFront’s origin-facing prefix list', async () => {
    // VPC origin traffic comes from CloudFront's origin-facing addresses, not from the VPC's range.
    const network = await deployNetwork(ingest(), US_EAST_1);
    const cloudFront = US_EAST_1.prefixLists.find(
      (list) => list.name === CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
    )!;
    const sources = ingressOf(ingest(), balancerGroupId()).map((rule) => ({
      ports: `${rule.IpProtocol} ${rule.FromPort}-${rule.ToPort}`,
      from:
        rule.SourcePrefixListId !== undefined
          ? `prefix list ${network.resolve(rule.SourcePrefixListId)}`
          : textOf(rule.CidrIp ?? rule.SourceSecurityGroupId),
    }));
    expect(sources).toEqual([{ ports: 'tcp 80-80', from: `prefix list ${cloudFront.id}` }]);
  });

  it('puts the balancer in two Availability Zones CloudFront VPC origins accept, chosen by AZ ID in the deploying account', async () => {
    // In this account "us-east-1a" is use1-az3, a zone CloudFront refuses a VPC origin in.
    const network = await deployNetwork(ingest(), US_EAST_1);
    const subnets = resourcesOfType<{ AvailabilityZone: CfnValue }>(ingest(), 'AWS::EC2::Subnet');
    const zoneOf = (subnetRef: CfnValue) => {
      const subnet = subnets[(subnetRef as { Ref: string }).Ref]!;
      return network.zoneIdOf(network.resolve(subnet.Properties.AvailabilityZone));
    };
    const [balancer] = propertiesOfType<{ Subnets: CfnValue[] }>(
      ingest(),
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
    );
    const balancerZones = balancer!.Subnets.map(zoneOf);
    expect(new Set(balancerZones).size).toBe(2);
    const allZones = Object.keys(subnets).map((id) => zoneOf({ Ref: id }));
    expect(allZones.filter((zone) => VPC_ORIGIN_UNSUPPORTED_AZ_IDS.includes(zone))).toEqual([]);
    expect(new Set(allZones)).toEqual(new Set(balancerZones));
  });

  it('forwards /ingest to the tasks on transwrap’s port, which accept the load balancer only', () => {
    expect(routeOf(ingest(), '/ingest')).toEqual([
      { Type: 'forward', TargetGroupArn: { Ref: targetGroupId() } },
    ]);
    // ECS refuses a target group no listener uses yet: the service waits for the rule.
    const [ruleId] = Object.keys(resourcesOfType(ingest(), 'AWS::ElasticLoadBalancingV2::ListenerRule'));
    const [serviceResource] = Object.values(resourcesOfType(ingest(), 'AWS::ECS::Service'));
    expect(serviceResource?.DependsOn).toContain(ruleId);
    const [service] = propertiesOfType<{
      LoadBalancers: unknown[];
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: string; SecurityGroups: CfnValue[] } };
    }>(ingest(), 'AWS::ECS::Service');
    expect(service?.LoadBalancers).toEqual([
      { ContainerName: 'transwrap', ContainerPort: 8090, TargetGroupArn: { Ref: targetGroupId() } },
    ]);
    expect(container().PortMappings).toEqual([expect.objectContaining({ ContainerPort: 8090 })]);
    const taskGroups = service!.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups;
    expect(taskGroups).toHaveLength(1);
    const taskGroupId = (taskGroups[0] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    expect(ingressOf(ingest(), taskGroupId)).toEqual([
      expect.objectContaining({
        FromPort: 8090,
        ToPort: 8090,
        SourceSecurityGroupId: { 'Fn::GetAtt': [balancerGroupId(), 'GroupId'] },
      }),
    ]);
  });

  it('serves only the ingest WebSocket publicly: /metrics, /health and every other path get the balancer’s 404', () => {
    const notFound = [
      {
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' },
      },
    ];
    expect(listenerOf(ingest()).defaultActions).toEqual(notFound);
    for (const path of [
      '/metrics',
      '/health',
      '/',
      '/metrics?format=prometheus',
      '/ingest/',
      '/ingest/../metrics',
      '/ingest%2f..%2fmetrics',
      '/INGEST',
      '/ingestx',
      '//ingest',
    ]) {
      expect({ path, actions: routeOf(ingest(), path) }).toEqual({ path, actions: notFound });
    }
    // The path is what is matched, with or without a query string.
    expect(routeOf(ingest(), '/ingest?anything')[0]?.Type).toBe('forward');
    // Nothing but the /ingest rule reaches the tasks.
    const forwards = Object.values(resourcesOfType(ingest(), 'AWS::ElasticLoadBalancingV2::ListenerRule'))
      .map((rule) => rule.Properties as { Conditions: unknown[]; Actions: { TargetGroupArn?: CfnValue }[] })
      .filter((rule) => rule.Actions.some((action) => action.TargetGroupArn !== undefined));
    expect(forwards).toEqual([
      expect.objectContaining({
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/ingest'] } }],
      }),
    ]);
  });

  it('health-checks transwrap’s /health, which answers 503 while draining', () => {
    expect(targetGroup()).toMatchObject({
      Port: 8090,
      HealthCheckPath: '/health',
      Matcher: { HttpCode: '200' },
    });
  });

  it('lets a stopped transwrap finish its drain and exit before SIGKILL, within Fargate’s limits', () => {
    const drainMs = Number(textOf(env().DRAIN_DEADLINE_MS));
    expect(drainMs).toBe(Number(DEFAULTS.DRAIN_DEADLINE_MS));
    // SIGKILL comes StopTimeout after SIGTERM: after the drain, within Fargate's 120 s maximum.
    expect(container().StopTimeout * 1000).toBeGreaterThan(drainMs);
    expect(container().StopTimeout).toBeLessThanOrEqual(120);
  });

  it('sends a reconnecting broadcaster back to the task holding its session (load balancer cookie)', () => {
    expect(attribute('stickiness.enabled')).toBe('true');
    expect(attribute('stickiness.type')).toBe('lb_cookie');
  });

  it('runs the image CodeBuild builds from transwrap/Dockerfile at deploy time (no Docker where `deploy` runs)', () => {
    const [build] = propertiesOfType<{ buildCommand: string; repositoryUri: CfnValue }>(
      ingest(),
      'Custom::CDKContainerImageBuild',
    );
    expect(build?.buildCommand).toContain('--file transwrap/Dockerfile');
    expect(build?.buildCommand).toContain('--platform linux/amd64');
    // The task runs that build's image: its repository, at the tag the build pushed.
    expect(textOf(container().Image)).toMatch(
      /"Ref":"TranswrapImages\w+"\},":",\{"Fn::GetAtt":\["TranswrapImage\w+","ImageTag"\]/,
    );
    // The uploaded build context is what the Dockerfile copies, per .dockerignore.
    const context = readdirSync(backend().dir)
      .map((entry) => join(backend().dir, entry))
      .find((path) => existsSync(join(path, 'transwrap', 'Dockerfile')));
    expect(readdirSync(context!).sort()).toEqual([
      'common',
      'package-lock.json',
      'package.json',
      'transwrap',
      'tsconfig.json',
    ]);
    expect(existsSync(join(context!, 'transwrap', 'node_modules'))).toBe(false);
  });

  it('builds it with the maintained @cdklabs/deploy-time-build (the unscoped package says it moved there)', () => {
    const { tree } = JSON.parse(readFileSync(join(backend().dir, 'tree.json'), 'utf8')) as {
      tree: ConstructNode;
    };
    const builds = constructsOf(tree).filter((node) =>
      /ContainerImageBuild$/.test(node.constructInfo?.fqn ?? ''),
    );
    expect(builds.map((node) => node.constructInfo?.fqn)).toEqual([
      '@cdklabs/deploy-time-build.ContainerImageBuild',
    ]);
  });

  it('scales between one and two tasks in a sandbox, on the load transwrap reports and on CPU', () => {
    const [target] = propertiesOfType<{ MinCapacity: number; MaxCapacity: number }>(
      ingest(),
      'AWS::ApplicationAutoScaling::ScalableTarget',
    );
    expect(target).toMatchObject({ MinCapacity: 1, MaxCapacity: 2 });
    const policies = propertiesOfType<{ TargetTrackingScalingPolicyConfiguration: Record<string, unknown> }>(
      ingest(),
      'AWS::ApplicationAutoScaling::ScalingPolicy',
    ).map((policy) => policy.TargetTrackingScalingPolicyConfiguration);
    // The metric is the one transwrap logs (its load-metric settings and constants), averaged over tasks.
    expect(policies).toContainEqual(
      expect.objectContaining({
        CustomizedMetricSpecification: {
          Namespace: env().LOAD_METRIC_NAMESPACE,
          MetricName: LOAD_METRIC,
          Dimensions: [{ Name: SERVICE_DIMENSION, Value: env().LOAD_METRIC_SERVICE }],
          Statistic: 'Average',
        },
        TargetValue: 60,
      }),
    );
    expect(env().LOAD_METRIC_SERVICE).toBe(backend().rootStackName);
    expect(policies).toContainEqual(
      expect.objectContaining({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 50,
      }),
    );
  });

  it('may call exactly the API fields transwrap calls, and protect its own cluster’s tasks; nothing else', () => {
    const taskRoleId = Object.keys(resourcesOfType(ingest(), 'AWS::IAM::Role')).find((id) =>
      /TaskTaskRole/.test(id),
    )!;
    const statements = propertiesOfType<{ PolicyDocument: PolicyDocument; Roles: CfnValue[] }>(
      ingest(),
      'AWS::IAM::Policy',
    )
      .filter((policy) => textOf(policy.Roles).includes(taskRoleId))
      .flatMap((policy) => policy.PolicyDocument.Statement);
    expect(statements.map((s) => asList(s.Action).sort())).toEqual([
      ['appsync:GraphQL'],
      ['ecs:GetTaskProtection', 'ecs:UpdateTaskProtection'],
    ]);
    const fields = asList(statements[0]!.Resource).map((resource) =>
      textOf(resource)
        .match(/\/types\/(\w+)\/fields\/(\w+)/)!
        .slice(1, 3)
        .join('.'),
    );
    expect(fields.sort()).toEqual(fieldsTranswrapCalls().sort());
    expect(textOf(statements[1]!.Resource)).toMatch(/:task\/",\{"Ref":"TranswrapCluster\w+"\},"\/\*"/);
  });

  it('starts transwrap with settings it accepts, for the app’s origins only', () => {
    const settings = env();
    for (const name of Object.keys(settings)) expect(Object.keys(DEFAULTS)).toContain(name);
    // Deploy-time values (API URL, pool id) are references here: any text parses.
    expect(() =>
      loadConfig(Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, textOf(v)]))),
    ).not.toThrow();
    expect(textOf(settings.ALLOWED_ORIGINS).split(',')).toEqual([
      'http://localhost:5173',
      'http://127.0.0.1:5173',
    ]);
    expect(settings.TRUSTED_PROXY_HOPS).toBe('2');
    expect(textOf(settings.API_URL)).toMatch(/GraphQLUrl/);
    expect(textOf(settings.COGNITO_ISSUER)).toMatch(/https:\/\/cognito-idp\..*amplifyAuthUserPool/);
  });
});

describe('transwrap on Fargate (branch deployment on Amplify Hosting)', () => {
  const backend = useSynthesizedBackend({
    type: 'branch',
    env: {
      AWS_APP_ID: 'd1a2b3c4',
      AWS_BRANCH: 'main',
      GOLIVE_APP_ORIGINS: 'https://live.example.com',
      GOLIVE_EMAIL_VIA_COGNITO: 'accept-50-per-day',
    },
  });

  it('keeps two tasks running and scales to ten', () => {
    const [target] = propertiesOfType<{ MinCapacity: number; MaxCapacity: number }>(
      backend().stacks.ingest,
      'AWS::ApplicationAutoScaling::ScalableTarget',
    );
    expect(target).toMatchObject({ MinCapacity: 2, MaxCapacity: 10 });
  });

  it('accepts browsers from the hosted app and the extra origins given, not from a dev server', () => {
    const [task] = propertiesOfType<{ ContainerDefinitions: Container[] }>(
      backend().stacks.ingest,
      'AWS::ECS::TaskDefinition',
    );
    const origins = task!.ContainerDefinitions[0]!.Environment.find(
      (e) => e.Name === 'ALLOWED_ORIGINS',
    )?.Value;
    expect(textOf(origins).split(',')).toEqual([
      'https://main.d1a2b3c4.amplifyapp.com',
      'https://live.example.com',
    ]);
  });
});
