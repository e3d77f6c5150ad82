/**
 * The CloudFormation logical id CDK gives a construct's resource: cdk-nag names resources in its
 * findings by it (`<LogicalId.Arn>`), so acknowledging one finding needs it.
 */
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).getLogicalId(element);
}
