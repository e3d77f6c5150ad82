/**
 * Which product a viewer is shown, reconciled from two sources that disagree in time:
 * - the video: the pin's cue (timed metadata) reaches the screen at the moment the seller pinned,
 *   as the viewer sees it, seconds after it happened;
 * - the API: the pin as saved (read on arrival and on each resubscription) and each change pushed
 *   by onProductPin, both ahead of the video.
 * While the video plays, a pushed change waits for its cue, so the card changes with the picture;
 * if the cue never comes (a player that dropped it, a part skipped to catch up with live) it
 * shows after CUE_GRACE_MS anyway. A read of the saved pin, and anything while the video is not
 * playing, shows at once: a viewer who comes late sees the current pin straight away. Pins are
 * ordered by their time (`at`, the API's clock, in the cue too), so an older one never replaces a
 * newer one, whichever way it arrives.
 */

export interface Pin {
  /** null: unpinned. */
  productId: string | null;
  /** Epoch ms, the API's clock. */
  at: number;
}

/** A pushed pin whose cue has not come this long after it is shown anyway. */
export const CUE_GRACE_MS = 10_000;

export interface PinTimelineOptions {
  onShow: (pin: Pin) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class PinTimeline {
  private shown: Pin | undefined;
  private pending: Pin | undefined;
  private timer: unknown;
  private playing = false;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: PinTimelineOptions) {
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** The pin as the API has it now (the first read, or a read after resubscribing). */
  saved(pin: Pin | undefined): void {
    if (pin) this.show(pin);
  }

  /** A change pushed by onProductPin: ahead of the video, so it waits for its cue while playing. */
  pushed(pin: Pin): void {
    if (!this.isNewer(pin)) return;
    if (!this.playing) return this.show(pin);
    if (this.pending && this.pending.at >= pin.at) return;
    this.pending = pin;
    this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      if (this.pending === pin) this.show(pin);
    }, CUE_GRACE_MS);
  }

  /** The video reached a pin's moment. */
  cue(pin: Pin): void {
    this.show(pin);
  }

  /** Whether the video is playing: when it is not, nothing waits for a cue. */
  setPlaying(playing: boolean): void {
    this.playing = playing;
    if (!playing && this.pending) this.show(this.pending);
  }

  dispose(): void {
    this.clearTimer(this.timer);
  }

  private isNewer(pin: Pin): boolean {
    return !this.shown || pin.at > this.shown.at;
  }

  private show(pin: Pin): void {
    if (!this.isNewer(pin)) return;
    this.shown = pin;
    if (this.pending && this.pending.at <= pin.at) {
      this.pending = undefined;
      this.clearTimer(this.timer);
    }
    this.options.onShow(pin);
  }
}
