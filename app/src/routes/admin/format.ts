/** How the admin tables say times, loads and counts: short, for a phone's width. */

/** "just now", "12 s ago", "4 min ago", "3 h ago", "2 d ago"; a time ahead of us (clock skew) is "just now". */
export function timeAgo(iso: string, now: number): string {
  const seconds = Math.floor((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return 'unknown';
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** The full local date and time, for a tooltip beside the relative one. */
export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** A 0..1 load as a whole percentage, clamped (an instance may briefly report above 1). */
export function percent(load: number): string {
  return `${Math.round(Math.min(Math.max(load, 0), 1) * 100)}%`;
}

/** Puts `changed` where the item with its id is, or at the end when it is new. */
export function replaceById<T extends { id: string }>(items: readonly T[], changed: T): T[] {
  const index = items.findIndex((item) => item.id === changed.id);
  return index === -1 ? [...items, changed] : items.map((item, at) => (at === index ? changed : item));
}
