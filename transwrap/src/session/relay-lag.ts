/**
 * How far FFmpeg is behind the broadcaster. When FFmpeg's input pipe is full the session stops
 * reading the socket (TCP backpressure then reaches the browser, whose send buffer grows); if that
 * lasts `adviceAfterMs` the client is told to lower its bitrate, and if FFmpeg takes nothing for
 * `stallAfterMs` it is presumed stuck and replaced.
 */
export class RelayLag {
  private heldSince?: number;
  private stallTimer?: NodeJS.Timeout;
  private advised = false;
  /** The last receive rate measured while FFmpeg kept up: what the advice is based on. */
  private keptUpKbps = 0;

  constructor(
    private readonly adviceAfterMs: number,
    private readonly stallAfterMs: number,
    private readonly stalled: () => void,
  ) {}

  /** FFmpeg's pipe is full: the socket is paused. */
  hold(): void {
    if (this.heldSince !== undefined) return;
    this.heldSince = Date.now();
    this.stallTimer = setTimeout(() => {
      this.heldSince = undefined;
      this.stalled();
    }, this.stallAfterMs);
  }

  /** FFmpeg took what it had: the socket flows again. */
  release(): void {
    this.heldSince = undefined;
    clearTimeout(this.stallTimer);
  }

  get held(): boolean {
    return this.heldSince !== undefined;
  }

  /** Once per stats interval: the bitrate to advise, when advice is due. */
  adviceDue(receivedKbps: number): number | undefined {
    const lagging = this.heldSince !== undefined && Date.now() - this.heldSince >= this.adviceAfterMs;
    if (!lagging) {
      if (this.heldSince === undefined) {
        this.advised = false;
        if (receivedKbps > 0) this.keptUpKbps = receivedKbps;
      }
      return undefined;
    }
    if (this.advised) return undefined;
    this.advised = true;
    return Math.max(300, Math.round(this.keptUpKbps * 0.6));
  }

  dispose(): void {
    clearTimeout(this.stallTimer);
  }
}
