/**
 * What GoLive writes into a live stream's timed metadata (IVS PutMetadata; the local IVS carries it
 * the same way): one JSON text per change, well under IVS's 1 KB. The API writes it
 * (resolvers/src/functions/putPinMetadata.ts); the watch page reads it from the player's timed
 * metadata track. It names the product only: the product's fields come from the API.
 */

/** The seller pinned `productId` (null: unpinned) at `at` (ISO 8601, the API's clock). */
export interface PinCue {
  type: 'pin';
  productId: string | null;
  at: string;
}

export function pinCueText(productId: string | null, at: string): string {
  return JSON.stringify({ type: 'pin', productId, at });
}

/** A cue of ours, or undefined for any other metadata a stream may carry. */
export function readStreamCue(text: unknown): PinCue | undefined {
  if (typeof text !== 'string' || !text.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { type, productId, at } = value as Record<string, unknown>;
  if (type !== 'pin' || typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  if (productId !== null && typeof productId !== 'string') return undefined;
  return { type, productId, at };
}
