/** How long a broadcast has been on air, in words a viewer reads at a glance. */

/** "12 min", "1 h 5 min"; undefined under a minute (or when the start is unknown). */
export function onAirFor(liveSince: string | null | undefined, now: number): string | undefined {
  const since = liveSince ? Date.parse(liveSince) : NaN;
  if (Number.isNaN(since)) return undefined;
  const minutes = Math.floor(Math.max(0, now - since) / 60_000);
  if (minutes < 1) return undefined;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** "Live for 12 min", "Just went live", or just "Live" when the start is unknown. */
export function liveFor(liveSince: string | null | undefined, now: number): string {
  if (!liveSince || Number.isNaN(Date.parse(liveSince))) return 'Live';
  const duration = onAirFor(liveSince, now);
  return duration ? `Live for ${duration}` : 'Just went live';
}
