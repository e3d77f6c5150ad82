/**
 * The steps `npm run verify` takes, in order: the words each prints and how long each may take, so
 * a run is bounded and a step that hangs is named. The limits allow for AWS at its slowest that
 * still works (a cold Lambda creating the IVS channel, EventBridge delivering IVS's events).
 */

/** How long the test pattern runs at least (longer only while LIVE and playback are still awaited). */
export const PATTERN_SECONDS = 15;

const LIVE_MS = 60_000;
const PLAYLIST_MS = 45_000;
const SEGMENT_MS = 20_000;

export interface StepLimits {
  title: string;
  timeoutMs: number;
}

export const STEPS = {
  seller: { title: 'create a temporary seller', timeoutMs: 30_000 },
  'sign-in': { title: 'sign in as the seller, as the PWA does', timeoutMs: 20_000 },
  channel: { title: 'create a channel', timeoutMs: 45_000 },
  status: { title: "subscribe to the channel's status, as viewers do", timeoutMs: 20_000 },
  ticket: { title: 'get a ticket (startBroadcast)', timeoutMs: 20_000 },
  // Longer than CloudFront tries an origin (3 attempts of 10 s), so its 502/504 is what gets reported.
  connect: { title: 'open the ingest WebSocket', timeoutMs: 45_000 },
  hello: { title: 'transwrap accepts the ticket', timeoutMs: 30_000 },
  live: { title: 'see LIVE on onChannelStatus', timeoutMs: LIVE_MS },
  playlist: { title: 'fetch the playback playlist', timeoutMs: PLAYLIST_MS },
  segment: { title: 'fetch a playback segment', timeoutMs: SEGMENT_MS },
  publish: {
    title: `publish a ${PATTERN_SECONDS} s FFmpeg test pattern`,
    timeoutMs: PATTERN_SECONDS * 1000 + LIVE_MS + PLAYLIST_MS + SEGMENT_MS + 20_000,
  },
  stop: { title: 'stop the broadcast', timeoutMs: 30_000 },
  offline: { title: 'see OFFLINE on onChannelStatus', timeoutMs: 60_000 },
  'delete-channel': { title: 'delete the channel', timeoutMs: 120_000 },
  'delete-seller': { title: 'delete the temporary seller', timeoutMs: 30_000 },
} as const satisfies Record<string, StepLimits>;

export type StepId = keyof typeof STEPS;

/** The steps that clean up: they run whatever happened before. */
export const CLEAN_UP: readonly StepId[] = ['delete-channel', 'delete-seller'];
