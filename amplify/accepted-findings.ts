/**
 * The AWS Solutions checks (cdk-nag, aws-solutions-checks.test.ts) that Amplify's own constructs in
 * the root stack do not meet, each with why. Every other acknowledgement sits with the construct
 * it is about (auth/, api/, ingest/, events/).
 */
import { type Stack, Validations } from 'aws-cdk-lib';
import { logicalIdOf } from './logical-id';

/** A branch deployment's root stack gets Amplify's branch linker, which tells Amplify Hosting of it. */
export function acknowledgeAmplifyFindings(root: Stack): void {
  const linker = root.node.tryFindChild('AmplifyBranchLinker');
  if (!linker) return;
  const handler = linker.node.findChild('CustomResourceLambda');
  const amplify = 'Amplify’s branch linker (made by @aws-amplify/backend for a branch deployment):';
  const appId = root.node.getContext('amplify-backend-namespace') as string;
  const branch = root.node.getContext('amplify-backend-name') as string;
  Validations.of(linker).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `${amplify} the managed policy lets its functions write their logs.`,
    },
    { id: 'AwsSolutions-L1', reason: `${amplify} Amplify pins its runtime.` },
    {
      id: `AwsSolutions-IAM5[Resource::arn:aws:amplify:*:*:apps/${appId}/branches/${branch}]`,
      reason: `${amplify} it may update this app’s branch and no other (any region: Amplify names it so).`,
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(handler)}.Arn>:*]`,
      reason: `${amplify} CDK’s framework may invoke its handler and the handler’s versions.`,
    },
  );
}
