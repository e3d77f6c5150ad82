/**
 * A broadcast held for a seller who is away (a suspended session) is let go when the resume grace
 * ends, or sooner once the seller has gone live again with a new ticket, maybe on another
 * transwrap: that one cannot publish while this one holds the stream (IVS takes one publisher per
 * stream key). Whether they have is asked every `askEveryMs` (Query.broadcastTakenOver); an answer
 * that does not come is not a takeover. While `mayLetGo` says no (the new ticket is being claimed
 * on this very server, which hands the held stream over instead), it is asked again later.
 */
export type LetGo = 'resume grace period over' | 'taken over by a newer broadcast of the channel';

export class Holding {
  private graceTimer?: NodeJS.Timeout;
  private askTimer?: NodeJS.Timeout;
  /** Which hold is current: an answer that comes after a release or a new hold is not for it. */
  private current = 0;

  constructor(
    private readonly settings: { graceMs: number; askEveryMs: number },
    private readonly takenOver: () => Promise<boolean>,
    private readonly mayLetGo: () => boolean = () => true,
  ) {}

  hold(letGo: (why: LetGo) => void): void {
    this.release();
    const hold = this.current;
    const over = (why: LetGo) => {
      this.release();
      letGo(why);
    };
    this.graceTimer = setTimeout(() => over('resume grace period over'), this.settings.graceMs);
    const askLater = () => {
      this.askTimer = setTimeout(() => {
        void this.takenOver()
          .catch(() => false)
          .then((taken) => {
            if (hold !== this.current) return;
            if (taken && this.mayLetGo()) over('taken over by a newer broadcast of the channel');
            else askLater();
          });
      }, this.settings.askEveryMs);
    };
    askLater();
  }

  /** The seller is back (or the session is over): no more asking, no grace running. */
  release(): void {
    this.current++;
    clearTimeout(this.graceTimer);
    clearTimeout(this.askTimer);
  }
}
