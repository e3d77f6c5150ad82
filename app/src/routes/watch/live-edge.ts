/**
 * Keeps a live viewer close to the newest video there is. Over low-latency HLS (the local IVS
 * lists ~0.3 s parts) Video.js's HLS engine starts PART-HOLD-BACK (1.2 s) behind the newest part
 * and stays there, and this has nothing to do; over plain HLS it starts about three segments back
 * and never catches up (bench/glass-to-glass measured 6.5-8.5 s behind the seller), and after a
 * stall any player is further back than it need be. So the page watches how much video is
 * buffered beyond what is showing, the newest buffered video being as live as it gets, and closes
 * the gap: a seek when it is large, 10 % faster playback when it is a little large, normal speed
 * once it is small. Buffered video arrives a segment (or part) at a time, so the gap saws; the
 * smallest gap over the last few seconds is what is steered, so the sawtooth's low point stays
 * above a stall. */
export const LIVE_EDGE = {
  /** Seconds of samples (one a second) whose smallest gap is steered. */
  window: 6,
  /** A smallest gap above this is worth a seek. */
  seekAboveS: 4.5,
  /** Where a seek lands: this far before the newest buffered video. */
  landS: 2.5,
  /** Above this, play faster; at or below settledS, normal speed again. */
  catchUpAboveS: 2,
  settledS: 1.4,
  catchUpRate: 1.1,
};

export interface LiveEdgeSample {
  currentTime: number;
  /** The end of the buffered range that holds currentTime; undefined when nothing is buffered there. */
  bufferedEnd: number | undefined;
  /** Paused, seeking or waiting: no steering while the viewer or the player is busy. */
  steady: boolean;
}

export interface LiveEdgeStep {
  rate: number;
  seekTo?: number;
}

export class LiveEdgeKeeper {
  private gaps: number[] = [];
  private rate = 1;

  /** Called once a second while the stream plays; says what the player should do. */
  next(sample: LiveEdgeSample): LiveEdgeStep {
    if (!sample.steady || sample.bufferedEnd === undefined) {
      this.gaps = [];
      return { rate: (this.rate = 1) };
    }
    this.gaps = [...this.gaps, sample.bufferedEnd - sample.currentTime].slice(-LIVE_EDGE.window);
    const gap = Math.min(...this.gaps);
    if (gap > LIVE_EDGE.seekAboveS) {
      this.gaps = [];
      return { rate: (this.rate = 1), seekTo: sample.bufferedEnd - LIVE_EDGE.landS };
    }
    if (gap > LIVE_EDGE.catchUpAboveS) this.rate = LIVE_EDGE.catchUpRate;
    else if (gap <= LIVE_EDGE.settledS) this.rate = 1;
    return { rate: this.rate };
  }
}
