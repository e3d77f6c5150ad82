/**
 * `npm run destroy -- --yes [--outputs <amplify_outputs.json>]`: removes the deployment that file
 * names, in the file's region: first the IVS channels it created (CloudFormation does not know
 * them), then its root stack (by name, so it is that deployment and no other), then, for a branch,
 * its tables, which a branch keeps when its stack goes. A branch's user pool (every account) is
 * kept, protected from deletion: it says how to delete it, a separate and deliberate step.
 */
import {
  CloudFormationClient,
  DeleteStackCommand,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import {
  DeleteTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import { IvsClient } from '@aws-sdk/client-ivs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DEPLOYMENT_TAG } from '@golive/resolvers/lambda/ivs-control';
import { deleteDeploymentChannels } from './deployment-channels';
import { outputsArgument, readDeployedOutputs, UsageError } from './deployed-outputs';

async function deleteDeploymentTables(region: string, deploymentId: string): Promise<void> {
  const dynamodb = new DynamoDBClient({ region });
  const { Account } = await new STSClient({ region }).send(new GetCallerIdentityCommand({}));
  let start: string | undefined;
  do {
    const page = await dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) {
      const arn = `arn:aws:dynamodb:${region}:${Account}:table/${name}`;
      const { Tags = [] } = await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: arn }));
      if (Tags.some((tag) => tag.Key === DEPLOYMENT_TAG && tag.Value === deploymentId)) {
        await dynamodb.send(new DeleteTableCommand({ TableName: name }));
        console.log(`Deleted table ${name}`);
      }
    }
    start = page.LastEvaluatedTableName;
  } while (start);
}

async function main(args: string[]): Promise<void> {
  const { file, rest } = outputsArgument(args);
  if (!rest.includes('--yes')) {
    throw new UsageError(
      'This deletes the deployment named in amplify_outputs.json: its IVS channels, API, tables and transwrap, and a sandbox’s users (a branch’s user pool is kept).\n' +
        'Run again with --yes to go ahead: npm run destroy -- --yes',
    );
  }
  const { region, deploymentId, userPoolId } = readDeployedOutputs(file);
  if (!deploymentId)
    throw new UsageError(`${file} names no deployment (custom.deploymentId): is it a local stack's?`);

  const channels = await deleteDeploymentChannels(new IvsClient({ region }), deploymentId, console.log);
  console.log(`${channels} IVS channel(s) of ${deploymentId} deleted.`);

  const cloudFormation = new CloudFormationClient({ region });
  await cloudFormation.send(new DeleteStackCommand({ StackName: deploymentId }));
  console.log(`Deleting stack ${deploymentId} (this takes several minutes)...`);
  await waitUntilStackDeleteComplete(
    { client: cloudFormation, maxWaitTime: 3600 },
    { StackName: deploymentId },
  );
  // A sandbox's tables went with its stack; a branch's were kept (amplify/settings.ts).
  if (!/-sandbox-[0-9a-f]+$/.test(deploymentId)) {
    await deleteDeploymentTables(region, deploymentId);
    console.log(
      `Kept: the user pool ${userPoolId} (its accounts), which has deletion protection. To delete it too (the first command also resets its other settings):\n` +
        `  aws cognito-idp update-user-pool --region ${region} --user-pool-id ${userPoolId} --deletion-protection INACTIVE\n` +
        `  aws cognito-idp delete-user-pool --region ${region} --user-pool-id ${userPoolId}`,
    );
    console.log('Delete the branch in the Amplify console too, or its next build deploys it again.');
  }
  console.log(`${deploymentId} is gone.`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
