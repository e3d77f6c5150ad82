/**
 * The API's DynamoDB tables: keys, indexes and TTL. The local stack creates them from this and
 * amplify/ declares them from it. `table` in api.ts's data sources refers to these keys.
 */
export interface TableDefinition {
  partitionKey: string;
  /** The sort key, for tables whose items are read a partition at a time. */
  sortKey?: string;
  /** Global secondary indexes: name -> [partition key, sort key], all attributes projected. */
  indexes: Record<string, [string, string]>;
  /** DynamoDB deletes expired items late (up to days): readers still check expiry themselves. */
  ttlAttribute?: string;
}

export const TABLES = {
  channels: {
    partitionKey: 'id',
    indexes: { byOwner: ['owner', 'createdAt'], byStatus: ['status', 'updatedAt'] },
  },
  endpoints: {
    partitionKey: 'id',
    // startBroadcast queries ACTIVE endpoints that heartbeated lately (functions/pickEndpoint.ts).
    indexes: { byStatus: ['status', 'heartbeatAt'] },
    // Every write pushes it a day on: a task gone for a day leaves the registry (lib/endpoint.ts).
    ttlAttribute: 'expiresAtEpoch',
  },
  // The API and the ingest protocol call a ticket's value `ticket`; the table keeps `token`, the key
  // it was deployed with (a new key name would replace the table).
  tickets: { partitionKey: 'token', indexes: {}, ttlAttribute: 'expiresAtEpoch' },
  // A seller's suspension and live seconds per month (lib/seller.ts), keyed by Cognito sub. Only
  // suspended sellers carry `suspension`, so the index holds them alone.
  sellers: { partitionKey: 'id', indexes: { bySuspension: ['suspension', 'suspendedAt'] } },
  // A channel's products, oldest first (lib/product.ts).
  products: { partitionKey: 'id', indexes: { byChannel: ['channelId', 'createdAt'] } },
  // A channel's chat, in time order (ids are ULIDs); each message expires after the deployment's
  // retention (lib/chat.ts), and reads skip expired ones before DynamoDB gets round to them.
  chatMessages: {
    partitionKey: 'channelId',
    sortKey: 'id',
    indexes: {},
    ttlAttribute: 'expiresAtEpoch',
  },
  // One user in one channel's chat: their send rate and whether they are muted (lib/chat.ts). Only
  // muted users carry `mutedChannelId`, so byMute holds a channel's mutes alone, by end time.
  chatMembers: {
    partitionKey: 'channelId',
    sortKey: 'userId',
    indexes: { byMute: ['mutedChannelId', 'mutedUntil'] },
  },
  // Chat names: a user's profile under their Cognito sub, and each name taken under `name:<lower>`.
  chatProfiles: { partitionKey: 'id', indexes: {} },
} satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof TABLES;
