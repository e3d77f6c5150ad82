/**
 * How a broadcaster's browser reaches transwrap in AWS: wss:// at CloudFront, uncached, through a
 * CloudFront VPC origin to an internal load balancer in isolated subnets, in zones CloudFront
 * accepts, that only CloudFront's origin-facing addresses reach; the balancer forwards /ingest
 * alone, to tasks that only it reaches, and sends a reconnecting broadcaster back to its task.
 * How transwrap runs on the tasks: transwrap-service.test.ts.
 */
import { listenerOf, routeOf } from '../testing/alb-routing';
import { asList, textOf, type CfnValue } from '../testing/cfn-shapes';
import { deployNetwork } from '../testing/deployed-network';
import { US_EAST_1 } from '../testing/sample-accounts';
import {
  propertiesOfType,
  resourcesOfType,
  useSynthesizedBackend,
  type CfnTemplate,
} from '../testing/synthesize';
import { transwrapContainer, transwrapEnvironment, transwrapTargetGroup } from '../testing/transwrap-task';
import {
  CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
  VPC_ORIGIN_UNSUPPORTED_AZ_IDS,
} from './vpc-origin-requirements';

// CloudFront's managed policies (the same ids in every account).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';

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

const backend = useSynthesizedBackend();
const ingest = () => backend().stacks.ingest;
const targetGroupId = () => transwrapTargetGroup(ingest()).id;
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
  expect(textOf(transwrapEnvironment(ingest()).PUBLIC_URL)).toMatch(
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
  expect(transwrapContainer(ingest()).PortMappings).toEqual([
    expect.objectContaining({ ContainerPort: 8090 }),
  ]);
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

it('sends a reconnecting broadcaster back to the task holding its session (load balancer cookie)', () => {
  const attribute = (key: string) =>
    transwrapTargetGroup(ingest()).properties.TargetGroupAttributes.find((a) => a.Key === key)?.Value;
  expect(attribute('stickiness.enabled')).toBe('true');
  expect(attribute('stickiness.type')).toBe('lb_cookie');
});
