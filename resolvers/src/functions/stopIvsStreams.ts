/**
 * IvsControl (Lambda): disconnects the streams of the channels in ctx.stash.onAir at IVS, as
 * stopBroadcast does for one (an offline one is fine). transwrap then asks broadcastStopped before
 * restarting its relay, hears that the owner is suspended, and ends the broadcast (4012).
 */
import type { Context } from '@aws-appsync/utils';
import { invoke, ivsResult } from '../lib/ivs-control';
import type { SuspendSellerStash } from '../lib/stash';

export function request(ctx: Context<unknown, SuspendSellerStash>) {
  const arns: string[] = [];
  for (const channel of ctx.stash.onAir) arns.push(channel.ivsArn);
  return invoke({ action: 'stopStreams', arns });
}

export function response(ctx: Context<unknown, SuspendSellerStash>) {
  ivsResult<unknown>(ctx);
  return ctx.stash.onAir;
}
