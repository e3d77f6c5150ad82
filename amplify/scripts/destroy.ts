/**
 * `npm run destroy -- --yes [--outputs <amplify_outputs.json>]`: removes a deployment: first the
 * IVS channels it created (CloudFormation does not know them), then its stacks. A sandbox goes
 * with `ampx sandbox delete`; a branch deployment's stack is deleted through CloudFormation, and
 * then its tables, which a branch keeps when its stack goes (they hold its users' channels).
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
import { spawnSync } from 'node:child_process';
import { DEPLOYMENT_TAG } from '@golive/resolvers/lambda/ivs-control';
import { REPO_ROOT } from '../repo-root';
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
      'This deletes the deployment named in amplify_outputs.json: its IVS channels, API, users, tables and transwrap.\n' +
        'Run again with --yes to go ahead: npm run destroy -- --yes',
    );
  }
  const { region, deploymentId } = readDeployedOutputs(file);
  if (!deploymentId)
    throw new UsageError(`${file} names no deployment (custom.deploymentId): is it a local stack's?`);

  const channels = await deleteDeploymentChannels(new IvsClient({ region }), deploymentId, console.log);
  console.log(`${channels} IVS channel(s) of ${deploymentId} deleted.`);

  if (/-sandbox-[0-9a-f]+$/.test(deploymentId)) {
    const identifier = rest.find((arg) => arg.startsWith('--identifier='))?.split('=')[1];
    const ampx = spawnSync(
      'npx',
      ['ampx', 'sandbox', 'delete', '--yes', ...(identifier ? ['--identifier', identifier] : [])],
      { cwd: REPO_ROOT, stdio: 'inherit' },
    );
    if (ampx.status !== 0) throw new Error('ampx sandbox delete failed: see its output above.');
    return;
  }
  const cloudFormation = new CloudFormationClient({ region });
  await cloudFormation.send(new DeleteStackCommand({ StackName: deploymentId }));
  console.log(`Deleting stack ${deploymentId} (this takes several minutes)...`);
  await waitUntilStackDeleteComplete(
    { client: cloudFormation, maxWaitTime: 3600 },
    { StackName: deploymentId },
  );
  await deleteDeploymentTables(region, deploymentId);
  console.log(
    `${deploymentId} is gone. Delete the branch in the Amplify console too, or its next build redeploys it.`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
