/** IvsControl (Lambda): the RTMPS URL and stream key of ctx.stash.channel. Only claimIngest runs this. */
import { util, type Context } from '@aws-appsync/utils';
import { invoke, ivsResult, type IngestResult } from '../lib/ivs-control';
import type { ClaimIngestStash } from '../lib/stash';

export function request(ctx: Context<unknown, ClaimIngestStash>) {
  return invoke({ action: 'getIngest', arn: ctx.stash.channel.ivsArn });
}

export function response(ctx: Context<unknown, ClaimIngestStash>) {
  const ingest = ivsResult<IngestResult>(ctx);
  const { channel, ticket } = ctx.stash;
  return {
    channelId: channel.id,
    owner: channel.owner,
    ...ingest,
    ticketIssuedAt: util.time.epochMilliSecondsToISO8601(ticket.issuedAtMs),
  };
}
