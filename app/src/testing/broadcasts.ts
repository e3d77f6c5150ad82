/**
 * Channels and broadcasts for the app's tests, made the way the product makes them: the seller
 * creates a channel through the API; a broadcast is real media (FFmpeg's 720p30 test pattern)
 * published to the local IVS ingest with the key transwrap would claim at the endpoint the ticket
 * names; status changes that only transwrap reports (CONNECTING, INTERRUPTED) are reported through
 * the same IAM mutation.
 */
import * as op from '@golive/common/api-operations';
import { poll } from '@golive/common/testing/poll';
import { publishTestStream, type Publisher } from '@golive/common/testing/test-publisher';
import { call, registerTestEndpoint } from '@golive/local/testing/api-clients';
import type { ApiStack } from '@golive/local/testing/api-stack';

/** Registered only on stacks that run no transwrap, so that startBroadcast has an endpoint to name. */
const TEST_ENDPOINT_ID = 'tw-app-tests';

/** A seller may own 20 channels: tests that need more use the other seller too. */
export async function createChannel(
  api: ApiStack,
  name: string,
  owner: 'seller' | 'otherSeller' = 'seller',
): Promise<op.CreateChannelMutation['createChannel']> {
  const { data, errors } = await call<op.CreateChannelMutation>(api.who.clients[owner], op.CREATE_CHANNEL, {
    name,
  });
  if (!data || errors.length) throw new Error(`createChannel failed: ${JSON.stringify(errors)}`);
  return data.createChannel;
}

/** Publishes `seconds` of test pattern to the channel, as a broadcaster on air. */
export async function publishTo(
  api: Pick<ApiStack, 'stack' | 'who'>,
  channelId: string,
  seconds: number,
  picture: Omit<Parameters<typeof publishTestStream>[1], 'seconds'> = {},
): Promise<Publisher> {
  const start = () =>
    call<op.StartBroadcastMutation>(api.who.clients.seller, op.START_BROADCAST, { channelId });
  let ticket = await start();
  if (!ticket.data && api.stack.info.transwrap.length === 0) {
    await registerTestEndpoint(api.who.clients.service, TEST_ENDPOINT_ID);
    ticket = await start();
  }
  if (!ticket.data || ticket.errors.length)
    throw new Error(`startBroadcast failed: ${JSON.stringify(ticket.errors)}`);
  // Redeemed the way transwrap would, at the endpoint the ticket names; FFmpeg then publishes.
  const claim = await call<op.ClaimIngestMutation>(api.who.clients.service, op.CLAIM_INGEST, {
    ticket: ticket.data.startBroadcast.ticket,
    endpointId: ticket.data.startBroadcast.endpoint.id,
  });
  if (!claim.data || claim.errors.length)
    throw new Error(`claimIngest failed: ${JSON.stringify(claim.errors)}`);
  const { ingestUrl, streamKey } = claim.data.claimIngest;
  return publishTestStream(`${ingestUrl}${streamKey}`, { ...picture, seconds });
}

/**
 * publishTo for a test file: every stream a test starts is stopped when the test ends, passed or
 * failed, so none outlives it into the next.
 */
export function usePublishing(api: ApiStack): (channelId: string, seconds: number) => Promise<Publisher> {
  const running: Publisher[] = [];
  afterEach(() => {
    for (const publisher of running.splice(0)) publisher.stop();
  });
  return async (channelId, seconds) => {
    const publisher = await publishTo(api, channelId, seconds);
    running.push(publisher);
    return publisher;
  };
}

/** A status report as transwrap (or IVS's events) send it. */
export async function reportStatus(api: ApiStack, channelId: string, status: op.StreamStatus): Promise<void> {
  const input = { channelId, status, at: new Date().toISOString() };
  const { errors } = await call(api.who.clients.service, op.REPORT_STREAM_STATUS, { input });
  if (errors.length) throw new Error(`reportStreamStatus failed: ${JSON.stringify(errors)}`);
}

/** Resolves once the API says the channel is `status` (IVS's events arrive asynchronously). */
export async function channelBecomes(
  api: ApiStack,
  channelId: string,
  status: op.StreamStatus,
  timeoutMs = 30_000,
): Promise<void> {
  let seen: string | undefined;
  await poll(
    () => `channel ${channelId} to be ${status} (it is ${seen})`,
    async () => {
      const { data } = await call<op.ChannelQuery>(api.who.clients.viewer, op.CHANNEL, { id: channelId });
      seen = data?.channel?.status;
      return seen === status ? true : undefined;
    },
    timeoutMs,
  );
}
