/**
 * transwrap's Fargate task in a synthesized ingest stack, as the tests read it: its one container
 * (and that container's environment) and the load balancer's target group the tasks register in.
 */
import type { CfnValue } from './cfn-shapes';
import { propertiesOfType, resourcesOfType, type CfnTemplate } from './synthesize';

export interface TranswrapContainer {
  Name: string;
  Image: CfnValue;
  Environment: { Name: string; Value: CfnValue }[];
  PortMappings: { ContainerPort: number }[];
  StopTimeout: number;
}

export interface TranswrapTargetGroup {
  Port: number;
  HealthCheckPath: string;
  Matcher: { HttpCode: string };
  TargetGroupAttributes: { Key: string; Value: string }[];
}

export function transwrapContainer(ingest: CfnTemplate): TranswrapContainer {
  const [task] = propertiesOfType<{ ContainerDefinitions: TranswrapContainer[] }>(
    ingest,
    'AWS::ECS::TaskDefinition',
  );
  return task!.ContainerDefinitions[0]!;
}

/** The container's environment variables by name. */
export function transwrapEnvironment(ingest: CfnTemplate): Record<string, CfnValue> {
  return Object.fromEntries(transwrapContainer(ingest).Environment.map((e) => [e.Name, e.Value]));
}

/** The ingest stack's one target group: its logical id and properties. */
export function transwrapTargetGroup(ingest: CfnTemplate): { id: string; properties: TranswrapTargetGroup } {
  const [entry] = Object.entries(
    resourcesOfType<TranswrapTargetGroup>(ingest, 'AWS::ElasticLoadBalancingV2::TargetGroup'),
  );
  return { id: entry![0], properties: entry![1].Properties };
}
