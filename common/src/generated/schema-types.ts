export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: string; output: string; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

/** A seller's channel. Everything here is public except `owner` and `ownerEmail`. */
export type Channel = {
  /**
   * Words the seller does not allow in the chat: a message containing one (whole word, any case) is
   * held back. The channel's owner and admins only; others get Unauthorized.
   */
  chatBlockedWords?: Maybe<Array<Scalars['String']['output']>>;
  /**
   * Whether the channel's chat takes messages: false once its seller (or an admin) turned it off;
   * null for channels made before chat, which counts as on. Readers can always read the chat.
   */
  chatEnabled?: Maybe<Scalars['Boolean']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  health?: Maybe<StreamHealth>;
  /** The IVS channel's id (the last part of its ARN). */
  id: Scalars['ID']['output'];
  /** When the current (or last) broadcast went LIVE. */
  liveSince?: Maybe<Scalars['AWSDateTime']['output']>;
  name: Scalars['String']['output'];
  /** The owner's Cognito `sub`. */
  owner: Scalars['ID']['output'];
  /**
   * The owner's email as it was when they created the channel (null for channels made before it was
   * kept). Admins only: an admin needs to know whose channel it is; other users get Unauthorized.
   */
  ownerEmail?: Maybe<Scalars['AWSEmail']['output']>;
  /** When the seller last pinned or unpinned a product: pins older than this are past. */
  pinnedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  /**
   * The product the seller pins for viewers now (null: none, or it was removed). Select it only in
   * queries: subscriptions carry what the triggering mutation selected, so onChannelStatus has it null;
   * onProductPin tells its changes.
   */
  pinnedProduct?: Maybe<Product>;
  /** Low-latency HLS playlist for viewers. */
  playbackUrl: Scalars['AWSURL']['output'];
  status: StreamStatus;
  updatedAt: Scalars['AWSDateTime']['output'];
  /**
   * How many watch now, as IVS counts concurrent views, refreshed while on air (IVS's count lags:
   * about 15 s after a viewer joins, a minute after one leaves; the local IVS, 5 s). 0 off air.
   */
  viewerCount?: Maybe<Scalars['Int']['output']>;
};

export type ChannelConnection = {
  items: Array<Channel>;
  /** Pass back to get the next page; null on the last page. */
  nextToken?: Maybe<Scalars['String']['output']>;
};

/**
 * A message in a channel's live chat. Public, like the channel. The text is plain text: clients show
 * it as text, never as HTML. Messages expire after the deployment's retention period.
 */
export type ChatMessage = {
  /** The author's user id (Cognito `sub`): what muteChatUser takes. */
  authorId: Scalars['ID']['output'];
  /** The author's chat name (setChatName). */
  authorName: Scalars['String']['output'];
  authorRole: ChatRole;
  channelId: Scalars['ID']['output'];
  /**
   * True on the onChatMessage event deleteChatMessage sends: clients remove the message with this id.
   * Messages read by chatMessages are never deleted ones.
   */
  deleted: Scalars['Boolean']['output'];
  /** Sorts by time (a ULID): a later message has a greater id, unless both came in the same millisecond. */
  id: Scalars['ID']['output'];
  sentAt: Scalars['AWSDateTime']['output'];
  /** 1 to 300 characters, one line. */
  text: Scalars['String']['output'];
};

/**
 * A user muted (or unmuted) in one channel's chat. While muted their messages are refused, and
 * neither chatMessages nor clients show the ones they sent.
 */
export type ChatMute = {
  at: Scalars['AWSDateTime']['output'];
  channelId: Scalars['ID']['output'];
  /** False: the user was unmuted. */
  muted: Scalars['Boolean']['output'];
  /** Until when; null while muted means for good (until unmuted). */
  until?: Maybe<Scalars['AWSDateTime']['output']>;
  userId: Scalars['ID']['output'];
  /** Their chat name when the mute was set (null if they had none). */
  userName?: Maybe<Scalars['String']['output']>;
};

/** The name a user chats under, chosen once. */
export type ChatProfile = {
  createdAt: Scalars['AWSDateTime']['output'];
  name: Scalars['String']['output'];
  userId: Scalars['ID']['output'];
};

/** Who wrote a chat message, as the channel sees them. */
export type ChatRole =
  /** An admin. */
  | 'ADMIN'
  /** The channel's seller. */
  | 'SELLER'
  /** A signed-in viewer. */
  | 'VIEWER';

/** A channel's chat switch and word list, as its seller or an admin sets them. */
export type ChatSettingsInput = {
  /** Up to 50 words (1 to 40 letters, digits, ' or - each); null keeps the current list. */
  blockedWords?: InputMaybe<Array<Scalars['String']['input']>>;
  enabled: Scalars['Boolean']['input'];
};

/** A transwrap instance that browsers stream to. */
export type Endpoint = {
  /** Broadcasts it can carry. */
  capacity: Scalars['Int']['output'];
  heartbeatAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  /** 0 (idle) to 1 (full), as the instance measures it. */
  load: Scalars['Float']['output'];
  region: Scalars['String']['output'];
  /** Broadcasts it carries now. */
  sessions: Scalars['Int']['output'];
  startedAt: Scalars['AWSDateTime']['output'];
  status: EndpointStatus;
  /** The WebSocket URL browsers connect to (wss:// in AWS). */
  url: Scalars['AWSURL']['output'];
};

export type EndpointConnection = {
  items: Array<Endpoint>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

/** Lifecycle of a transwrap instance. */
export type EndpointStatus =
  /** Takes new broadcasts. */
  | 'ACTIVE'
  /** Shutting down: its broadcasters are moving elsewhere; takes no new broadcasts. */
  | 'DRAINING'
  | 'STARTING'
  | 'STOPPED';

export type HeartbeatEndpointInput = {
  id: Scalars['ID']['input'];
  load: Scalars['Float']['input'];
  sessions: Scalars['Int']['input'];
};

/** What transwrap needs to push a redeemed ticket's stream to IVS. Services only. */
export type IngestDestination = {
  channelId: Scalars['ID']['output'];
  /** rtmps://<ingest endpoint>:443/app/ (rtmp:// locally when RTMPS is off). */
  ingestUrl: Scalars['String']['output'];
  owner: Scalars['ID']['output'];
  streamKey: Scalars['String']['output'];
  /**
   * When the ticket was issued (the API's clock): the `since` of broadcastStopped. A stop at or
   * after it ends this broadcast, so one that came while the ticket was being redeemed is not lost.
   */
  ticketIssuedAt: Scalars['AWSDateTime']['output'];
};

/** Lets one broadcast start at one transwrap endpoint, once, within a short time. */
export type IngestTicket = {
  endpoint: Endpoint;
  expiresAt: Scalars['AWSDateTime']['output'];
  /** Single-use; send it in the first WebSocket message (hello's `ticket`), never in a URL. */
  ticket: Scalars['String']['output'];
  /** Where to open the ingest WebSocket. */
  url: Scalars['AWSURL']['output'];
};

/** The signed-in user. */
export type Me = {
  email?: Maybe<Scalars['AWSEmail']['output']>;
  groups: Array<Scalars['String']['output']>;
  /** Cognito `sub`. */
  id: Scalars['ID']['output'];
};

export type Mutation = {
  /** The channel's owner only. QuotaExceeded past 50 products a channel. */
  addProduct: Product;
  /**
   * transwrap redeems a ticket at the endpoint it was issued for, or at one sharing its url (tasks
   * behind one load balancer); a ticket works once. A ticket issued before a stopBroadcast of its
   * channel is refused with BroadcastStopped.
   */
  claimIngest: IngestDestination;
  /**
   * Creates the IVS channel and records the caller as its owner. QuotaExceeded past the deployment's
   * channels per seller; SellerSuspended for a suspended seller.
   */
  createChannel: Channel;
  /** Owner or admin. Deletes the IVS channel too; Conflict while it is live. */
  deleteChannel: Channel;
  /** The channel's owner or an admin. Removes the message for everyone; NotFound if it is gone. */
  deleteChatMessage: ChatMessage;
  heartbeatEndpoint: Endpoint;
  /**
   * The channel's owner or an admin. Refuses the user's messages in this channel for `minutes` (1 to
   * 43200), or for good when null, and hides the ones they sent. The channel's owner cannot be muted.
   */
  muteChatUser: ChatMute;
  /**
   * The channel's owner only. Shows the product to the channel's viewers from this moment of the
   * video on (IVS timed metadata while live) and from now on for viewers who come later; NotFound if
   * it is not the channel's; Throttled past 5 pin changes a second.
   */
  pinProduct: ProductPin;
  registerEndpoint: Endpoint;
  /** Admins only. Lifts a suspension; the seller may broadcast again. */
  reinstateSeller: Seller;
  /** The channel's owner only. Returns the product removed; NotFound if it is not the channel's. */
  removeProduct: Product;
  /** Owner only. The name viewers see (1-64 characters, as createChannel takes it). */
  renameChannel: Channel;
  /** From transwrap (CONNECTING, INTERRUPTED) and IVS events via EventBridge (LIVE, OFFLINE). */
  reportStreamStatus: Channel;
  /**
   * The viewer-count poller: IVS's count for the channel with that IVS ARN, while it is on air
   * (NotFound for a channel not on air or not this API's). Pushed on onChannelStatus.
   */
  reportViewerCount: Channel;
  /**
   * Any signed-in user with a chat name, to a channel that is on air (not OFFLINE) with chat on.
   * Errors: ChatNameRequired, ChatClosed (off air or chat off), Muted (says until when), Throttled
   * (more than 5 at once or 1 a second after, per user and channel; says when to retry),
   * MessageHeld (a word the channel's seller does not allow), ValidationError (1 to 300 characters,
   * no control characters).
   */
  sendChatMessage: ChatMessage;
  /**
   * Chooses the caller's chat name, once: 2 to 24 letters, digits, spaces, _ . or -, starting with
   * a letter or digit. Conflict when the caller has one already or another user has it (any case).
   */
  setChatName: ChatProfile;
  /** The channel's owner or an admin. Turns the chat on or off and sets its word list. */
  setChatSettings: Channel;
  /** id: the endpoint id, or the ECS task ARN of the task running it (as EventBridge names it). */
  setEndpointStatus: Endpoint;
  /**
   * Owner only. Picks the least-loaded ACTIVE endpoint and issues a single-use ticket for it.
   * QuotaExceeded when the seller has as many broadcasts on air as the deployment allows, or has
   * used the month's live hours (the message says the limit and when it resets); SellerSuspended
   * for a suspended seller.
   */
  startBroadcast: IngestTicket;
  /**
   * Owner or admin. Disconnects the stream at IVS and revokes the channel's tickets issued until now;
   * transwrap ends a broadcast that was starting (IVS had nothing to disconnect yet).
   */
  stopBroadcast: Channel;
  /**
   * Admins only. The seller (a channel's `owner`) gets no ticket and creates no channel until
   * reinstated; their broadcasts on air are stopped as stopBroadcast stops one. `reason` (1-500
   * characters) is shown to the seller.
   */
  suspendSeller: Seller;
  /** The channel's owner or an admin. Lets the user chat again and shows their messages again. */
  unmuteChatUser: ChatMute;
  /** The channel's owner only. Takes the pinned product off viewers' screens, as pinProduct shows one. */
  unpinProduct: ProductPin;
  /** The channel's owner only. Replaces the product's fields; NotFound if it is not the channel's. */
  updateProduct: Product;
};


export type MutationAddProductArgs = {
  channelId: Scalars['ID']['input'];
  input: ProductInput;
};


export type MutationClaimIngestArgs = {
  endpointId: Scalars['ID']['input'];
  ticket: Scalars['String']['input'];
};


export type MutationCreateChannelArgs = {
  name: Scalars['String']['input'];
};


export type MutationDeleteChannelArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteChatMessageArgs = {
  channelId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};


export type MutationHeartbeatEndpointArgs = {
  input: HeartbeatEndpointInput;
};


export type MutationMuteChatUserArgs = {
  channelId: Scalars['ID']['input'];
  minutes?: InputMaybe<Scalars['Int']['input']>;
  userId: Scalars['ID']['input'];
};


export type MutationPinProductArgs = {
  channelId: Scalars['ID']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationRegisterEndpointArgs = {
  input: RegisterEndpointInput;
};


export type MutationReinstateSellerArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationRemoveProductArgs = {
  channelId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};


export type MutationRenameChannelArgs = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};


export type MutationReportStreamStatusArgs = {
  input: ReportStreamStatusInput;
};


export type MutationReportViewerCountArgs = {
  channelArn: Scalars['String']['input'];
  viewerCount: Scalars['Int']['input'];
};


export type MutationSendChatMessageArgs = {
  channelId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
};


export type MutationSetChatNameArgs = {
  name: Scalars['String']['input'];
};


export type MutationSetChatSettingsArgs = {
  channelId: Scalars['ID']['input'];
  input: ChatSettingsInput;
};


export type MutationSetEndpointStatusArgs = {
  id: Scalars['ID']['input'];
  status: EndpointStatus;
};


export type MutationStartBroadcastArgs = {
  channelId: Scalars['ID']['input'];
};


export type MutationStopBroadcastArgs = {
  channelId: Scalars['ID']['input'];
};


export type MutationSuspendSellerArgs = {
  reason: Scalars['String']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationUnmuteChatUserArgs = {
  channelId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationUnpinProductArgs = {
  channelId: Scalars['ID']['input'];
};


export type MutationUpdateProductArgs = {
  channelId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
  input: ProductInput;
};

/** A product a seller shows on a channel: what viewers see on its card. Public, like the channel. */
export type Product = {
  /** Where viewers buy it: an https address. */
  buyUrl: Scalars['String']['output'];
  channelId: Scalars['ID']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  /** ISO 4217 code: EUR, USD, JPY. */
  currency: Scalars['String']['output'];
  /** Plain text, at most 500 characters; line breaks kept. */
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** A picture of it: an https address (the image stays where it is; nothing is uploaded). */
  imageUrl?: Maybe<Scalars['String']['output']>;
  /** A decimal in the currency's major unit, as on a price tag: 19.99, 1500 (at most 2 decimals). */
  price: Scalars['String']['output'];
  /** 1 to 120 characters; no control characters or < >. */
  title: Scalars['String']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
};

/** A page of products; pass `nextToken` back for the next page. */
export type ProductConnection = {
  items: Array<Product>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

/** A product's fields, checked as `Product` describes; every error names the field. */
export type ProductInput = {
  buyUrl: Scalars['String']['input'];
  currency: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  imageUrl?: InputMaybe<Scalars['String']['input']>;
  price: Scalars['String']['input'];
  title: Scalars['String']['input'];
};

/**
 * A change of the product a channel shows its viewers. `at` (the API's clock) is also in the
 * timed metadata the stream carries from that moment (see docs/ARCHITECTURE.md, "Pins"), so a
 * player can tell a pin it reads in the video from an older one.
 */
export type ProductPin = {
  at: Scalars['AWSDateTime']['output'];
  channelId: Scalars['ID']['output'];
  /** The product pinned; null when the seller unpinned. */
  product?: Maybe<Product>;
};

export type Query = {
  /**
   * transwrap asks while a broadcast starts and before restarting a failed relay: true once the
   * owner or an admin has called stopBroadcast at or after `since` (the claim's ticketIssuedAt), the
   * channel is gone, or its owner is suspended.
   */
  broadcastStopped: Scalars['Boolean']['output'];
  /**
   * transwrap asks while it holds a broadcast for a seller who is away: true once a ticket of the
   * channel issued after `since` (the claim's ticketIssuedAt) has been claimed, i.e. the seller went
   * live again, maybe on another transwrap, and the held stream should make way for the new one.
   */
  broadcastTakenOver: Scalars['Boolean']['output'];
  channel?: Maybe<Channel>;
  /** Every channel. Admins only. */
  channels: ChannelConnection;
  /**
   * A channel's last `limit` chat messages (1 to 50, default 50), oldest first: what a viewer who
   * opens the page sees before onChatMessage tells what comes next. Deleted messages, expired ones
   * and those of muted users are left out. Empty for a channel that does not exist.
   */
  chatMessages: Array<ChatMessage>;
  /** The channel's owner or an admin: the users muted in its chat now (up to 100), latest end first. */
  chatMutes: Array<ChatMute>;
  /**
   * Transwrap endpoints, a page at a time. Admins only. With `status`, those in that status, the
   * latest heartbeat first (ACTIVE: the ones taking broadcasts). Without, every endpoint the registry
   * still holds, in no particular order: a row is deleted a day after its endpoint's last heartbeat
   * or status change.
   */
  endpoints: EndpointConnection;
  /** Channels on air now, most recently started first. */
  liveChannels: ChannelConnection;
  me: Me;
  /** The caller's channels, newest first. */
  myChannels: ChannelConnection;
  /** The caller's chat name; null until they choose one with setChatName. */
  myChatProfile?: Maybe<ChatProfile>;
  /** A channel's products, oldest first (empty for a channel that does not exist). */
  products: ProductConnection;
  /** A seller's standing and this month's live hours (a seller never seen is in good standing). Admins only. */
  seller: Seller;
  /** Suspended sellers, the latest suspension first. Admins only. */
  suspendedSellers: SellerConnection;
};


export type QueryBroadcastStoppedArgs = {
  channelId: Scalars['ID']['input'];
  since: Scalars['AWSDateTime']['input'];
};


export type QueryBroadcastTakenOverArgs = {
  channelId: Scalars['ID']['input'];
  since: Scalars['AWSDateTime']['input'];
};


export type QueryChannelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryChannelsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QueryChatMessagesArgs = {
  channelId: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryChatMutesArgs = {
  channelId: Scalars['ID']['input'];
};


export type QueryEndpointsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<EndpointStatus>;
};


export type QueryLiveChannelsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMyChannelsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QueryProductsArgs = {
  channelId: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySellerArgs = {
  userId: Scalars['ID']['input'];
};


export type QuerySuspendedSellersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};

export type RegisterEndpointInput = {
  capacity: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  region: Scalars['String']['input'];
  /** STARTING unless given. */
  status?: InputMaybe<EndpointStatus>;
  url: Scalars['AWSURL']['input'];
};

export type ReportStreamStatusInput = {
  /** When the change happened at the source; older reports than the last one applied are ignored. */
  at: Scalars['AWSDateTime']['input'];
  channelArn?: InputMaybe<Scalars['String']['input']>;
  /** Either the channel id or its IVS ARN (EventBridge knows only the ARN). */
  channelId?: InputMaybe<Scalars['ID']['input']>;
  health?: InputMaybe<StreamHealth>;
  status: StreamStatus;
};

/**
 * A seller's standing, as admins see it. A suspended seller gets no ticket and creates no channel,
 * and their broadcasts on air were stopped when they were suspended.
 */
export type Seller = {
  /** Hours the seller's channels were LIVE this calendar month (UTC), counted as each broadcast ended. */
  liveHoursThisMonth: Scalars['Float']['output'];
  suspended: Scalars['Boolean']['output'];
  suspendedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  /** Why, as the admin who suspended them wrote it (shown to the seller too). Null unless suspended. */
  suspendedReason?: Maybe<Scalars['String']['output']>;
  /** Cognito `sub`: the `owner` of the seller's channels. */
  userId: Scalars['ID']['output'];
};

export type SellerConnection = {
  items: Array<Seller>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

/** IVS's view of a live stream's health. */
export type StreamHealth =
  | 'HEALTHY'
  | 'STARVING'
  | 'UNKNOWN';

/** Whether a channel is on air, as seen by IVS and transwrap. */
export type StreamStatus =
  /** A broadcaster redeemed a ticket; transwrap is dialling IVS. */
  | 'CONNECTING'
  /** The broadcaster's connection dropped; transwrap is holding the session for a resume. */
  | 'INTERRUPTED'
  /** IVS receives the stream; viewers can watch. */
  | 'LIVE'
  /** Nobody is broadcasting. */
  | 'OFFLINE';

export type Subscription = {
  /**
   * Status, viewer-count and chat on/off changes of one channel. Select only fields that the callers
   * of these mutations select (CHANNEL_FIELDS).
   */
  onChannelStatus?: Maybe<Channel>;
  /** New and deleted chat messages of one channel (select `deleted`: true means remove it). */
  onChatMessage?: Maybe<ChatMessage>;
  /** Users muted and unmuted in one channel's chat. */
  onChatMute?: Maybe<ChatMute>;
  /** Any endpoint registering, heartbeating or changing status. */
  onEndpointChanged?: Maybe<Endpoint>;
  /** Pin changes of one channel, as pinProduct and unpinProduct return them. */
  onProductPin?: Maybe<ProductPin>;
};


export type SubscriptionOnChannelStatusArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionOnChatMessageArgs = {
  channelId: Scalars['ID']['input'];
};


export type SubscriptionOnChatMuteArgs = {
  channelId: Scalars['ID']['input'];
};


export type SubscriptionOnProductPinArgs = {
  channelId: Scalars['ID']['input'];
};
