/**
 * The role of a Lambda we write: it may put its logs in its own log group, and nothing else until
 * its construct grants more. (Without a role, CDK attaches AWS's AWSLambdaBasicExecutionRole,
 * which lets a function create and write any log group in the account.)
 */
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export function lambdaRoleWritingTo(scope: Construct, id: string, logGroup: ILogGroup): Role {
  const role = new Role(scope, id, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  return role;
}
