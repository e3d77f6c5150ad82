/**
 * The fields clients select on Channel and Endpoint. A subscription only delivers what the
 * triggering mutation selected, so the EventBridge targets (resolvers/src/events/event-rules.ts)
 * select exactly these too. Plain strings: no GraphQL library needed to read them.
 */
export const CHANNEL_FIELDS =
  'id name status health playbackUrl liveSince viewerCount chatEnabled createdAt updatedAt';
export const ENDPOINT_FIELDS = 'id url region status sessions capacity load heartbeatAt startedAt';
