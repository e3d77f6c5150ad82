/**
 * What each pipeline passes from step to step in `ctx.stash`: one type a pipeline, and one for
 * each function that several pipelines share (what it reads and writes). Handlers name theirs as
 * `Context<Args, Stash>`, so reading an entry needs no cast and writing a wrong one does not
 * compile. The field's request writes the first entries; each function reads what earlier steps
 * wrote and may add its own. An entry's type is what it holds once written: a step reads only
 * entries written before it (the order in api.ts, which the types do not check).
 * `../stash.test.ts` checks that each pipeline's stash gives each of its functions (and the
 * field's own handlers) the stash they are typed with.
 *
 * Types only: nothing here reaches a bundle.
 */
import type { ChannelItem } from './channel';
import type { ChatMemberItem, ChatProfileItem } from './chat';
import type { EndpointItem } from './endpoint';
import type { ProductFields, ProductItem } from './product';
import type { SellerItem } from './seller';
import type { TicketItem } from './ticket';

/**
 * Who may act on the channel getChannel loads: 'owner' (the owner only), 'ownerOrAdmin',
 * 'service' (IAM callers, which the schema checks), or 'anyone' the schema lets call the field.
 */
export type ChannelAccess = 'owner' | 'ownerOrAdmin' | 'service' | 'anyone';

/** getChannel: loads `channelId` into `channel`, enforcing `access`. */
export interface ChannelStash {
  channelId: string;
  access: ChannelAccess;
  channel: ChannelItem;
}

/**
 * getSeller: loads the seller `sellerId` names, else the owner of `channel` (none when the
 * channel is gone), into `seller`: null for a seller with no item yet.
 */
export interface SellerStash {
  sellerId?: string;
  channel?: ChannelItem | null;
  seller: SellerItem | null;
}

/** checkBroadcastQuotas: may `seller` put `channel` on air now? */
export interface BroadcastQuotasStash {
  channel: ChannelItem;
  seller: SellerItem | null;
}

/** findChannel: loads `channelId` into `channel`, null when the channel is gone. */
export interface FoundChannelStash {
  channelId: string;
  channel: ChannelItem | null;
}

/** Query.broadcastStopped: findChannel -> getSeller. */
export interface BroadcastStoppedStash extends FoundChannelStash {
  /** The query's `since`, epoch ms. */
  since: number;
  seller: SellerItem | null;
}

/** Query.broadcastTakenOver: findChannel. */
export interface BroadcastTakenOverStash extends FoundChannelStash {
  /** The query's `since`, epoch ms. */
  since: number;
}

/** Mutation.createChannel: getSeller (the caller) -> checkChannelQuota -> createIvsChannel -> putChannel. */
export interface CreateChannelStash {
  /** The new channel's name, validated. */
  name: string;
  sellerId: string;
  seller: SellerItem | null;
}

/** Mutation.renameChannel: getChannel (owner) -> renameChannelItem. */
export interface RenameChannelStash extends ChannelStash {
  /** The new name, validated. */
  name: string;
}

/** Mutation.deleteChannel: getChannel -> deleteIvsChannel -> deleteChannelItem. */
export type DeleteChannelStash = ChannelStash;

/** Mutation.stopBroadcast: getChannel -> markBroadcastStopped -> stopIvsStream. */
export type StopBroadcastStash = ChannelStash;

/**
 * Mutation.addProduct: getChannel (owner) -> checkProductQuota -> putProduct;
 * updateProduct: getChannel -> updateProductItem; removeProduct: getChannel -> deleteProductItem.
 */
export interface ProductStash extends ChannelStash {
  /** The product's id: given (update, remove) or new (add). */
  productId: string;
  /** What the input says, checked (add, update). */
  product: ProductFields;
}

/**
 * Mutation.pinProduct: getChannel (owner) -> getProduct -> putPinMetadata -> savePin;
 * unpinProduct: getChannel -> putPinMetadata -> savePin.
 */
export interface PinStash extends ChannelStash {
  /** The product pinned; null when unpinning. */
  productId: string | null;
  /** What getProduct loaded; null when unpinning. */
  product: ProductItem | null;
  /** The pin's moment, epoch ms (the API's clock). */
  pinAtMs: number;
}

/** Mutation.startBroadcast: getChannel -> getSeller -> checkBroadcastQuotas -> pickEndpoint -> putTicket. */
export interface StartBroadcastStash extends ChannelStash {
  seller: SellerItem | null;
  /** The endpoint pickEndpoint chose for the ticket. */
  endpoint: EndpointItem;
}

/**
 * Mutation.claimIngest: getClaimingEndpoint -> redeemTicket (which writes `channelId` and
 * `access` for getChannel) -> getChannel -> refuseRevokedTicket -> getSeller -> checkBroadcastQuotas
 * -> recordClaim -> readIngest.
 */
export interface ClaimIngestStash extends ChannelStash {
  claimingEndpoint: EndpointItem;
  /** The ticket redeemTicket spent. */
  ticket: TicketItem;
  seller: SellerItem | null;
}

/** Mutation.reportStreamStatus: getChannel -> applyStreamStatus -> recordLiveTime. */
export interface ReportStreamStatusStash extends ChannelStash {
  /** Set by applyStreamStatus when it applied the report (absent: an older report, ignored). */
  statusApplied?: boolean;
}

/** Mutation.suspendSeller: putSuspension -> findOnAirChannels -> stopIvsStreams. */
export interface SuspendSellerStash {
  sellerId: string;
  /** Why, as the admin gave it, validated. */
  reason: string;
  /** The seller's item, suspended. */
  seller: SellerItem;
  /** Their channels that were not OFFLINE. */
  onAir: ChannelItem[];
}

/** getChatProfile: loads the profile of `userId` (the caller, or the user muted) into `profile`, null if none. */
export interface ChatProfileStash {
  userId: string;
  profile: ChatProfileItem | null;
}

/** Mutation.setChatName: getChatProfile -> claimChatName -> putChatProfile. */
export interface SetChatNameStash extends ChatProfileStash {
  /** The name asked for, validated. */
  name: string;
}

/**
 * Mutation.sendChatMessage: getChannel (anyone) -> getChatProfile -> checkChatSender ->
 * takeChatTurn -> putChatMessage.
 */
export interface SendChatMessageStash extends ChannelStash, ChatProfileStash {
  /** The message, validated. */
  text: string;
  /** What checkChatSender read of the sender in this channel (null: never sent, never muted). */
  member: ChatMemberItem | null;
  /** The sender's next turn once this message is sent (epoch ms). */
  nextTurnAtMs: number;
}

/** Mutation.deleteChatMessage: getChannel (owner or admin) -> deleteChatMessageItem. */
export interface DeleteChatMessageStash extends ChannelStash {
  messageId: string;
}

/** Mutation.muteChatUser and unmuteChatUser: getChannel (owner or admin) -> getChatProfile -> putChatMute. */
export interface ChatMuteStash extends ChannelStash, ChatProfileStash {
  /** ISO 8601 end (MUTED_FOR_GOOD for good); null to unmute. */
  mutedUntil: string | null;
}

/** Mutation.setChatSettings: getChannel (owner or admin) -> updateChatSettings. */
export interface ChatSettingsStash extends ChannelStash {
  enabled: boolean;
  /** The new word list, checked; null keeps the current one. */
  blockedWords: string[] | null;
}

/**
 * findChatMutes: the users muted in `channelId`'s chat now, into `mutes`; when an earlier step
 * found the channel gone (`channel` null), the pipeline ends with no messages.
 */
export interface FoundMutesStash {
  channelId: string;
  channel: ChannelItem | null;
  mutes: ChatMemberItem[];
}

/**
 * Query.chatMessages: findChannel (a deleted channel's chat is not read) -> findChatMutes (whose
 * messages are not shown) -> readChatMessages.
 */
export interface ChatMessagesStash extends FoundMutesStash {
  limit: number;
}

/** Query.chatMutes: getChannel (owner or admin) -> findChatMutes. */
export interface ChatMutesStash extends ChannelStash {
  mutes: ChatMemberItem[];
}
