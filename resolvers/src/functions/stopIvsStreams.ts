/**
 * IvsControl (Lambda): disconnects the streams of the channels in ctx.stash.onAir at IVS, as
 * stopBroadcast does for one (an offline one is fine). transwrap then asks broadcastStopped before
 * restarting its relay, hears that the owner is suspended, and ends the broadcast (4012).
 */
import type { Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { invoke, ivsResult } from '../lib/ivs-control';

export function request(ctx: Context) {
  const arns: string[] = [];
  for (const channel of ctx.stash.onAir as ChannelItem[]) arns.push(channel.ivsArn);
  return invoke({ action: 'stopStreams', arns });
}

export function response(ctx: Context) {
  ivsResult<unknown>(ctx);
  return ctx.stash.onAir as ChannelItem[];
}
