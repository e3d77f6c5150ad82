/** IvsControl (Lambda): creates the IVS channel that a new channel streams into. */
import type { Context } from '@aws-appsync/utils';
import { signedInUser } from '../lib/identity';
import { invoke, ivsResult, type CreatedIvsChannel } from '../lib/ivs-control';

export function request(ctx: Context) {
  return invoke({ action: 'createChannel', name: ctx.stash.name as string, owner: signedInUser(ctx).sub });
}

export function response(ctx: Context) {
  return ivsResult<CreatedIvsChannel>(ctx);
}
