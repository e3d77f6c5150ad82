/**
 * The IvsControl Lambda data source: the only code that calls IVS, and so the only place a stream
 * key is ever read (for claimIngest, which only IAM services may call). Locally the GraphQL server
 * runs the same handler in-process with a client pointed at the IVS emulator.
 */
import {
  ChannelNotBroadcasting,
  ConflictException,
  CreateChannelCommand,
  DeleteChannelCommand,
  GetChannelCommand,
  GetStreamKeyCommand,
  IvsClient,
  ListStreamKeysCommand,
  ResourceNotFoundException,
  PutMetadataCommand,
  StopStreamCommand,
  ThrottlingException,
} from '@aws-sdk/client-ivs';
import type { CreatedIvsChannel, IngestResult, IvsAction, IvsFailure } from '../lib/ivs-control';

export type IvsControlResult = CreatedIvsChannel | IngestResult | IvsFailure | { ok: true };

/**
 * The tag naming the deployment that created a channel: amplify/ lets the Lambda touch only
 * channels carrying its own, and `npm run destroy` deletes exactly those.
 */
export const DEPLOYMENT_TAG = 'golive:deployment';

/** IVS returns a bare host (RTMPS on 443); the local emulator returns host:port. */
export function ingestUrlOf(ingestEndpoint: string): string {
  return ingestEndpoint.includes(':')
    ? `rtmps://${ingestEndpoint}/app/`
    : `rtmps://${ingestEndpoint}:443/app/`;
}

/** IVS channel names allow [a-zA-Z0-9-_] up to 128 characters; the display name lives in DynamoDB. */
function ivsChannelName(owner: string): string {
  return `golive-${owner.replace(/[^a-zA-Z0-9_-]/g, '')}`.slice(0, 128);
}

/** deploymentId: tags every channel created (DEPLOYMENT_TAG); none locally. */
export function createIvsControl(ivs: IvsClient, deploymentId?: string) {
  async function createChannel(owner: string): Promise<CreatedIvsChannel> {
    const { channel } = await ivs.send(
      new CreateChannelCommand({
        name: ivsChannelName(owner),
        latencyMode: 'LOW',
        type: 'STANDARD',
        tags: { app: 'golive', owner, ...(deploymentId ? { [DEPLOYMENT_TAG]: deploymentId } : {}) },
      }),
    );
    if (!channel?.arn || !channel.playbackUrl) throw new Error('IVS CreateChannel returned no channel');
    return { arn: channel.arn, id: channel.arn.split('/').pop() ?? '', playbackUrl: channel.playbackUrl };
  }

  async function deleteChannel(arn: string): Promise<IvsControlResult> {
    try {
      await ivs.send(new DeleteChannelCommand({ arn }));
    } catch (error) {
      if (error instanceof ConflictException) {
        return { error: { type: 'Conflict', message: 'The channel is live. Stop the broadcast first.' } };
      }
      // Already gone in IVS: deleting is idempotent.
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    return { ok: true };
  }

  async function stopStream(channelArn: string): Promise<IvsControlResult> {
    try {
      await ivs.send(new StopStreamCommand({ channelArn }));
    } catch (error) {
      if (!(error instanceof ChannelNotBroadcasting)) throw error;
    }
    return { ok: true };
  }

  /** Timed metadata into a live stream; a channel not on air has none, which is no error. */
  async function putMetadata(channelArn: string, metadata: string): Promise<IvsControlResult> {
    try {
      // The SDK retries a throttled call (5 a second a channel) with backoff before giving up.
      await ivs.send(new PutMetadataCommand({ channelArn, metadata }));
    } catch (error) {
      if (error instanceof ThrottlingException)
        return { error: { type: 'Throttled', message: 'Pins change at most 5 times a second: try again.' } };
      if (!(error instanceof ChannelNotBroadcasting)) throw error;
    }
    return { ok: true };
  }

  async function getIngest(channelArn: string): Promise<IngestResult> {
    const { channel } = await ivs.send(new GetChannelCommand({ arn: channelArn }));
    const { streamKeys } = await ivs.send(new ListStreamKeysCommand({ channelArn }));
    const keyArn = streamKeys?.[0]?.arn;
    if (!channel?.ingestEndpoint || !keyArn)
      throw new Error(`IVS channel ${channelArn} has no ingest endpoint or key`);
    const { streamKey } = await ivs.send(new GetStreamKeyCommand({ arn: keyArn }));
    if (!streamKey?.value) throw new Error(`IVS returned no stream key value for ${channelArn}`);
    return { ingestUrl: ingestUrlOf(channel.ingestEndpoint), streamKey: streamKey.value };
  }

  return async function handle(event: IvsAction): Promise<IvsControlResult> {
    switch (event.action) {
      case 'createChannel':
        return createChannel(event.owner);
      case 'deleteChannel':
        return deleteChannel(event.arn);
      case 'stopStream':
        return stopStream(event.arn);
      case 'stopStreams':
        // One at a time: IVS allows StopStream a few times a second per account.
        for (const arn of event.arns) await stopStream(arn);
        return { ok: true };
      case 'getIngest':
        return getIngest(event.arn);
      case 'putMetadata':
        return putMetadata(event.arn, event.metadata);
    }
  };
}

/** The Lambda entry point in AWS: region and credentials come from the function's environment. */
let deployed: ReturnType<typeof createIvsControl> | undefined;
export function handler(event: IvsAction): Promise<IvsControlResult> {
  deployed ??= createIvsControl(new IvsClient({}), process.env.DEPLOYMENT_ID);
  return deployed(event);
}
