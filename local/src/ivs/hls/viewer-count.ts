/**
 * How many are watching a live stream, as IVS's `viewerCount` reports concurrent views: every
 * low-latency HLS player at the live edge keeps one blocking playlist request waiting for the next
 * part (`_HLS_msn`), so the requests answered together when a part appears are the players
 * watching. The count is the most seen in the last WINDOW_MS: a viewer counts from their player's
 * first blocking reload and stops counting at most WINDOW_MS after their page closed (its request
 * is dropped). Two players in one browser are two viewers, as they are to IVS.
 */
export const VIEWER_WINDOW_MS = 5000;

export class ViewerCount {
  private waiting = 0;
  /** [when, how many were waiting] at each answer, newest last. */
  private samples: [number, number][] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** A blocking reload starts waiting; call the returned function when it is answered or dropped. */
  wait(): (answered: boolean) => void {
    this.waiting += 1;
    let done = false;
    return (answered) => {
      if (done) return;
      done = true;
      if (answered) this.samples.push([this.now(), this.waiting]);
      this.waiting -= 1;
    };
  }

  get current(): number {
    const since = this.now() - VIEWER_WINDOW_MS;
    this.samples = this.samples.filter(([at]) => at >= since);
    return Math.max(0, ...this.samples.map(([, count]) => count));
  }
}
