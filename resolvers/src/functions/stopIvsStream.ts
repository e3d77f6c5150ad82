/** IvsControl (Lambda): disconnects ctx.stash.channel's stream at IVS; an offline channel is fine. */
import type { Context } from '@aws-appsync/utils';
import { invoke, ivsResult } from '../lib/ivs-control';
import type { StopBroadcastStash } from '../lib/stash';

export function request(ctx: Context<unknown, StopBroadcastStash>) {
  return invoke({ action: 'stopStream', arn: ctx.stash.channel.ivsArn });
}

export function response(ctx: Context<unknown, StopBroadcastStash>) {
  ivsResult<unknown>(ctx);
  return ctx.stash.channel;
}
