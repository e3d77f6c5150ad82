/** IvsControl (Lambda): deletes the IVS channel of ctx.stash.channel (IVS refuses while it is live). */
import type { Context } from '@aws-appsync/utils';
import { invoke, ivsResult } from '../lib/ivs-control';
import type { DeleteChannelStash } from '../lib/stash';

export function request(ctx: Context<unknown, DeleteChannelStash>) {
  return invoke({ action: 'deleteChannel', arn: ctx.stash.channel.ivsArn });
}

export function response(ctx: Context<unknown, DeleteChannelStash>) {
  ivsResult<unknown>(ctx);
  return ctx.stash.channel;
}
