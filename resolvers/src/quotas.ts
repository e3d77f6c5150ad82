/**
 * What one seller may use, and how long chat is kept, set per deployment: open self sign-up makes anyone a seller, and every
 * live hour is billed by IVS. The resolvers read the numbers from AppSync's environment variables
 * (ctx.env, lib/quotas.ts): amplify/ sets them on the API from the deployment's environment
 * (amplify/settings.ts), and the local stack gives its resolvers the same variables from its own
 * (local/src/config.ts). Same names everywhere; defaults below. Why environment variables: they
 * are AppSync's own per-API settings, cost no read per request, and an operator can change one in
 * the console or with `aws appsync put-graphql-api-environment-variables` without a deploy (the
 * next deploy sets the configured values again).
 */
export interface Quotas {
  /** Channels one seller may own (each is an IVS channel; IVS allows 5,000 per account). */
  channelsPerSeller: number;
  /** Broadcasts one seller may have on air at once (CONNECTING, LIVE or INTERRUPTED). */
  liveBroadcastsPerSeller: number;
  /** Hours one seller may be LIVE per calendar month (UTC), counted as each broadcast ends. */
  liveHoursPerMonth: number;
  /** Hours a chat message is kept (DynamoDB TTL; reads leave out older ones at once). */
  chatRetentionHours: number;
}

export const QUOTA_DEFAULTS: Quotas = {
  channelsPerSeller: 20,
  liveBroadcastsPerSeller: 2,
  liveHoursPerMonth: 100,
  chatRetentionHours: 168,
};

/** The variable that sets each quota: in the deploy's and the local stack's environment, and in ctx.env. */
export const QUOTA_VARIABLES: Record<keyof Quotas, string> = {
  channelsPerSeller: 'GOLIVE_QUOTA_CHANNELS_PER_SELLER',
  liveBroadcastsPerSeller: 'GOLIVE_QUOTA_LIVE_BROADCASTS_PER_SELLER',
  liveHoursPerMonth: 'GOLIVE_QUOTA_LIVE_HOURS_PER_MONTH',
  chatRetentionHours: 'GOLIVE_CHAT_RETENTION_HOURS',
};

/** The API's environment variables for these quotas (AppSync's values are strings). */
export function quotaEnvironment(quotas: Quotas): Record<string, string> {
  return {
    [QUOTA_VARIABLES.channelsPerSeller]: String(quotas.channelsPerSeller),
    [QUOTA_VARIABLES.liveBroadcastsPerSeller]: String(quotas.liveBroadcastsPerSeller),
    [QUOTA_VARIABLES.liveHoursPerMonth]: String(quotas.liveHoursPerMonth),
    [QUOTA_VARIABLES.chatRetentionHours]: String(quotas.chatRetentionHours),
  };
}
