/**
 * The little of a WebSocket the broadcaster's client uses, so the same client runs over the
 * browser's WebSocket in the PWA and over `ws` in Node (tests, benchmarks).
 */
export interface SocketLike {
  readonly readyState: number;
  /** Bytes sent but not yet on the wire: grows when the uplink is slower than the encoder. */
  readonly bufferedAmount: number;
  binaryType: string;
  send(data: string | ArrayBufferLike | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
