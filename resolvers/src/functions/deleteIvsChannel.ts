/** IvsControl (Lambda): deletes the IVS channel of ctx.stash.channel (IVS refuses while it is live). */
import type { Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { invoke, ivsResult } from '../lib/ivs-control';

export function request(ctx: Context) {
  return invoke({ action: 'deleteChannel', arn: (ctx.stash.channel as ChannelItem).ivsArn });
}

export function response(ctx: Context) {
  ivsResult<unknown>(ctx);
  return ctx.stash.channel as ChannelItem;
}
