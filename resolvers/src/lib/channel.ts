import type { Context } from '@aws-appsync/utils';
import type { Channel } from '@golive/common/generated/schema-types';

/** The channel item as stored in the channels table: the GraphQL Channel and what only the server needs. */
export interface ChannelItem extends Channel {
  /** The IVS channel's ARN: what IVS events and the IVS API know the channel by. */
  ivsArn: string;
  /** Source time of the last status applied; older reports are ignored. */
  statusAt: string;
  statusAtMs?: number;
  /** When stopBroadcast was last called: relays claimed before it must not come back. */
  stopRequestedAtMs?: number;
  /** When the newest claimed ticket was issued: a broadcast claimed before it is taken over. */
  claimedTicketIssuedAtMs?: number;
  /** The pinned product's id (Channel.pinnedProduct reads it); absent when none is pinned. */
  pinnedProductId?: string;
  /** pinnedAt as epoch ms: a pin older than the one saved is not saved over it. */
  pinnedAtMs?: number;
}

/** The context of a field resolver on Channel: its source is the channel item the parent field resolved. */
export type ChannelField = Context<unknown, Record<string, never>, undefined, ChannelItem> & {
  source: ChannelItem;
};
