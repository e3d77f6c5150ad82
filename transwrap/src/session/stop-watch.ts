/**
 * Whether a starting broadcast was stopped on purpose (stopBroadcast), asked of the API at the
 * moments a stop could otherwise be missed. stopBroadcast cuts the stream at IVS, but a stream IVS
 * does not have yet (the relay still dialling) or has not registered yet (real IVS can take a
 * moment after a publish, and answers StopStream with ChannelNotBroadcasting meanwhile) has nothing
 * to cut. So each time a relay goes live the session watches: it asks at once, then every
 * `intervalMs` through `windowMs` (windowMs / intervalMs more times). An answer that does not come
 * (the API unreachable) is not a stop: it must never end a healthy broadcast.
 */
export interface StopWatchSettings {
  intervalMs: number;
  windowMs: number;
}

export class StopWatch {
  private timer?: NodeJS.Timeout;
  private asking = false;
  /** A watch began while a question was out: ask again once it is answered. */
  private askAgain = false;
  /** Questions still to ask in this watch after the one under way. */
  private remaining = 0;
  private disposed = false;

  constructor(
    private readonly ask: () => Promise<boolean>,
    private readonly settings: StopWatchSettings,
    private readonly stopped: () => void,
  ) {}

  /** The relay has just gone live at IVS: ask now, and on through the settle window. */
  watch(): void {
    if (this.disposed) return;
    this.remaining = Math.ceil(this.settings.windowMs / this.settings.intervalMs);
    clearTimeout(this.timer);
    if (this.asking) this.askAgain = true;
    else void this.check();
  }

  private async check(): Promise<void> {
    this.asking = true;
    const stopped = await this.ask().catch(() => false);
    this.asking = false;
    if (this.disposed) return;
    if (stopped) return this.stopped();
    if (this.askAgain) {
      this.askAgain = false;
      return this.check();
    }
    if (this.remaining <= 0) return;
    this.remaining--;
    this.timer = setTimeout(() => void this.check(), this.settings.intervalMs);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
