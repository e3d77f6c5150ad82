/** IvsControl (Lambda): disconnects ctx.stash.channel's stream at IVS; an offline channel is fine. */
import type { Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { invoke, ivsResult } from '../lib/ivs-control';

export function request(ctx: Context) {
  return invoke({ action: 'stopStream', arn: (ctx.stash.channel as ChannelItem).ivsArn });
}

export function response(ctx: Context) {
  ivsResult<unknown>(ctx);
  return ctx.stash.channel as ChannelItem;
}
