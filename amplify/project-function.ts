/**
 * A Lambda built from this repository's code (bundled by esbuild from the lockfile's packages),
 * with a log group of its own and a role that may write there and nothing else until its
 * construct grants more. (Without a role, CDK attaches AWS's AWSLambdaBasicExecutionRole, which
 * lets a function create and write any log group in the account.)
 */
import { RemovalPolicy, type Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type ILogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root';

export function lambdaRoleWritingTo(scope: Construct, id: string, logGroup: ILogGroup): Role {
  const role = new Role(scope, id, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  return role;
}

export interface ProjectFunctionProps {
  /** The handler's file, from the repository root; its export `handler` is called. */
  entry: string;
  timeout: Duration;
  environment?: Record<string, string>;
  logRetention: RetentionDays;
}

/** Made in `scope` as "Function", with "Logs" and "FunctionServiceRole" beside it. */
export function projectFunction(scope: Construct, props: ProjectFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, 'Logs', {
    retention: props.logRetention,
    // Logs age out by retention; nothing to keep once the deployment is gone.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  return new NodejsFunction(scope, 'Function', {
    entry: join(REPO_ROOT, props.entry),
    handler: 'handler',
    runtime: Runtime.NODEJS_24_X,
    timeout: props.timeout,
    memorySize: 256,
    projectRoot: REPO_ROOT,
    depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
    environment: props.environment,
    logGroup,
    role: lambdaRoleWritingTo(scope, 'FunctionServiceRole', logGroup),
    bundling: { minify: true, sourceMap: true },
  });
}
