/** The seller's health indicator, case by case: green only while viewers really see the seller. */
import type { BroadcastStats } from '@golive/transwrap/client/broadcast-connection';
import { broadcastHealth, STATS_OVERDUE_MS, type HealthLevel, type HealthSignals } from './broadcast-health';

const flowing: BroadcastStats = {
  type: 'stats',
  receivedKbps: 2600,
  relayFps: 30,
  queuedBytes: 0,
  rtmp: 'live',
  restarts: 0,
  uptimeMs: 60_000,
  onAir: 'seller',
};
const live = (
  stats: Partial<BroadcastStats> | undefined,
  extra: Partial<HealthSignals> = {},
): HealthSignals => ({
  state: { name: 'live', since: 0 },
  stats: stats && { ...flowing, ...stats },
  statsAgeMs: 400,
  uplinkBehind: false,
  ...extra,
});

test.each<[string, HealthSignals, HealthLevel | undefined, string | undefined]>([
  ['media arriving and going to IVS: good', live({}), 'good', 'Good'],
  ['an older server without onAir, media flowing: good', live({ onAir: undefined }), 'good', 'Good'],
  [
    'the server shows the slate: not reaching viewers',
    live({ onAir: 'slate' }),
    'off-air',
    'Not reaching viewers',
  ],
  [
    'nothing arrived in the last second: not reaching viewers, though the socket is open',
    live({ receivedKbps: 0 }),
    'off-air',
    'Not reaching viewers',
  ],
  ['no stats yet after going live', live(undefined), 'weak', 'No word from the server'],
  [
    'stats overdue: the connection went quiet',
    live({}, { statsAgeMs: STATS_OVERDUE_MS + 1 }),
    'weak',
    'No word from the server',
  ],
  ['the relay is redialling IVS', live({ rtmp: 'reconnecting' }), 'weak', 'Reconnecting to IVS'],
  ['the relay is still dialling IVS', live({ rtmp: 'connecting' }), 'weak', 'Starting'],
  ['media piles up on the phone', live({}, { uplinkBehind: true }), 'weak', 'Weak connection'],
  [
    'the connection dropped',
    { state: { name: 'reconnecting', since: 0, why: 'resuming' }, uplinkBehind: false },
    'reconnecting',
    'Reconnecting',
  ],
  [
    'moving to another server',
    { state: { name: 'reconnecting', since: 0, why: 'moving' }, uplinkBehind: false },
    'reconnecting',
    'Reconnecting',
  ],
  ['not on air: nothing to say', { state: { name: 'idle' }, uplinkBehind: false }, undefined, undefined],
  [
    'going live: nothing to say yet',
    { state: { name: 'preparing' }, uplinkBehind: false },
    undefined,
    undefined,
  ],
])('%s', (_case, signals, level, label) => {
  const health = broadcastHealth(signals);
  expect(health?.level).toBe(level);
  expect(health?.label).toBe(label);
});

test('what "good" says comes from the figures, and the slate is named to the seller as viewers see it', () => {
  expect(broadcastHealth(live({ receivedKbps: 1800, relayFps: 29 }))?.detail).toContain(
    '1800 kbps arriving, 29 frames',
  );
  expect(broadcastHealth(live({ onAir: 'slate' }))?.detail).toContain('viewers see "Be right back"');
});
