/**
 * The IVS channels a deployment created: they carry its DEPLOYMENT_TAG, and CloudFormation does
 * not know them (the IvsControl Lambda makes them at run time), so `npm run destroy` deletes them
 * here, before the stack (and the Lambda's permissions) go.
 */
import type { IvsClient } from '@aws-sdk/client-ivs';
import {
  ChannelNotBroadcasting,
  ConflictException,
  DeleteChannelCommand,
  ListChannelsCommand,
  ResourceNotFoundException,
  StopStreamCommand,
  type ChannelSummary,
} from '@aws-sdk/client-ivs';
import { DEPLOYMENT_TAG } from '@golive/resolvers/lambda/ivs-control';
import { isAwsError } from './aws-errors';

export async function deploymentChannels(ivs: IvsClient, deploymentId: string): Promise<ChannelSummary[]> {
  const found: ChannelSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ivs.send(new ListChannelsCommand({ maxResults: 100, nextToken }));
    found.push(...(page.channels ?? []).filter((channel) => channel.tags?.[DEPLOYMENT_TAG] === deploymentId));
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

/** Stops any broadcast on each of the deployment's channels, then deletes the channel. */
export async function deleteDeploymentChannels(
  ivs: IvsClient,
  deploymentId: string,
  log: (line: string) => void,
  retryDelayMs = 2000,
): Promise<number> {
  const channels = await deploymentChannels(ivs, deploymentId);
  for (const { arn, name } of channels) {
    try {
      await ivs.send(new StopStreamCommand({ channelArn: arn }));
    } catch (error) {
      if (!isAwsError(error, ChannelNotBroadcasting) && !isAwsError(error, ResourceNotFoundException))
        throw error;
    }
    // A stopped stream takes a moment to end at IVS: deleting meanwhile is a conflict.
    for (let attempt = 1; ; attempt++) {
      try {
        await ivs.send(new DeleteChannelCommand({ arn }));
        break;
      } catch (error) {
        if (isAwsError(error, ResourceNotFoundException)) break;
        if (!isAwsError(error, ConflictException) || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
    log(`Deleted IVS channel ${name ?? arn}`);
  }
  return channels.length;
}
