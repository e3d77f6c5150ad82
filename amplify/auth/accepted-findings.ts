/**
 * The AWS Solutions checks (cdk-nag, aws-solutions-checks.test.ts) that sign-in does not meet,
 * each with why.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnUserPool } from 'aws-cdk-lib/aws-cognito';

export function acknowledgeAuthFindings(userPool: CfnUserPool): void {
  Validations.of(userPool).acknowledge(
    {
      id: 'AwsSolutions-COG2',
      reason:
        'Anyone may sign up and go live from a phone browser; required MFA would make every new seller install an authenticator first. Admins are made by an operator (npm run admin:create).',
    },
    {
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection needs Cognito’s Plus plan, $0.02 for every monthly active user with no free tier; this pool is on the default plan (Essentials: the first 10,000 monthly active users free). Sign-in abuse is bounded by Cognito’s own request rate limits.',
    },
  );
  // Amplify's defineFunction gives the trigger its role, with AWS's basic execution policy.
  const trigger = Stack.of(userPool).node.tryFindChild('post-confirmation-lambda');
  if (!trigger) throw new Error('No post-confirmation-lambda in the auth stack: did Amplify rename it?');
  Validations.of(trigger).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'Amplify’s defineFunction role for the PostConfirmation trigger: the managed policy lets it write logs; its only other grant is cognito-idp:AdminAddUserToGroup on this pool (auth.test.ts).',
  });
}
