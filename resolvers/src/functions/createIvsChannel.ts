/** IvsControl (Lambda): creates the IVS channel that a new channel streams into. */
import type { Context } from '@aws-appsync/utils';
import { signedInUser } from '../lib/identity';
import { invoke, ivsResult, type CreatedIvsChannel } from '../lib/ivs-control';
import type { CreateChannelStash } from '../lib/stash';

export function request(ctx: Context<unknown, CreateChannelStash>) {
  return invoke({ action: 'createChannel', name: ctx.stash.name, owner: signedInUser(ctx).sub });
}

export function response(ctx: Context) {
  return ivsResult<CreatedIvsChannel>(ctx);
}
