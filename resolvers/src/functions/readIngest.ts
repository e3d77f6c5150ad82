/** IvsControl (Lambda): the RTMPS URL and stream key of ctx.stash.channel. Only claimIngest runs this. */
import { util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { invoke, ivsResult, type IngestResult } from '../lib/ivs-control';
import type { TicketItem } from '../lib/ticket';

export function request(ctx: Context) {
  return invoke({ action: 'getIngest', arn: (ctx.stash.channel as ChannelItem).ivsArn });
}

export function response(ctx: Context) {
  const ingest = ivsResult<IngestResult>(ctx);
  const channel = ctx.stash.channel as ChannelItem;
  const ticket = ctx.stash.ticket as TicketItem;
  return {
    channelId: channel.id,
    owner: channel.owner,
    ...ingest,
    ticketIssuedAt: util.time.epochMilliSecondsToISO8601(ticket.issuedAtMs),
  };
}
