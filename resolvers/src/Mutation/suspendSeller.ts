/**
 * Mutation.suspendSeller (admins): pipeline putSuspension -> findOnAirChannels -> stopIvsStreams.
 * From then on the seller gets no ticket (startBroadcast, and claimIngest for a ticket already
 * issued, refuse with SellerSuspended), creates no channel, and broadcastStopped answers true for
 * their channels, which ends a broadcast on air with 4012 once IVS has cut it.
 */
import type { Context } from '@aws-appsync/utils';
import { requireAdmin } from '../lib/identity';
import { sellerView, SUSPENSION_REASON_MAX } from '../lib/seller';
import type { SuspendSellerStash } from '../lib/stash';
import { identifier, note } from '../lib/validate';
import type { MutationSuspendSellerArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<MutationSuspendSellerArgs, SuspendSellerStash>) {
  requireAdmin(ctx);
  ctx.stash.sellerId = identifier('userId', ctx.args.userId);
  ctx.stash.reason = note('reason', ctx.args.reason, SUSPENSION_REASON_MAX);
  return {};
}

export function response(ctx: Context<MutationSuspendSellerArgs, SuspendSellerStash>) {
  return sellerView(ctx.stash.sellerId, ctx.stash.seller);
}
