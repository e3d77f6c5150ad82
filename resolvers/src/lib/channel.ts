/** The channel item as stored in the channels table (a superset of the GraphQL Channel). */
export interface ChannelItem {
  id: string;
  name: string;
  owner: string;
  status: 'OFFLINE' | 'CONNECTING' | 'LIVE' | 'INTERRUPTED';
  health?: string | null;
  playbackUrl: string;
  /** The IVS channel's ARN: what IVS events and the IVS API know the channel by. */
  ivsArn: string;
  liveSince?: string | null;
  /** Source time of the last status applied; older reports are ignored. */
  statusAt: string;
  createdAt: string;
  updatedAt: string;
}

/** A seller may own this many channels (IVS's default quota is 5,000 per account). */
export const CHANNELS_PER_SELLER = 20;
