/**
 * What a deployment changes on the user pool Amplify's defineAuth makes (settings.ts): who its
 * emails come from, and whether it survives its stack.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type { CfnUserPool, CfnUserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import type { DeploymentSettings } from '../settings';

export function applyUserPoolSettings(
  { userPool, groups }: { userPool: CfnUserPool; groups: CfnUserPoolGroup[] },
  { email, protectUserPool }: Pick<DeploymentSettings, 'email' | 'protectUserPool'>,
): void {
  if (email.kind === 'ses') {
    userPool.emailConfiguration = {
      emailSendingAccount: 'DEVELOPER',
      from: email.from,
      sourceArn: email.identityArn,
    };
  }
  if (protectUserPool) {
    // Deleting the stack (by hand, or by deleting the branch in Amplify) keeps the pool and its
    // groups; deleting the pool itself needs its protection turned off first (DEPLOY.md).
    userPool.deletionProtection = 'ACTIVE';
    for (const resource of [userPool, ...groups]) resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
