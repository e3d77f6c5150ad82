/**
 * What the player tells the pinned-product card, which loads later than the player (it needs the
 * GraphQL client): each timed metadata text as playback reaches it, and whether the video is
 * playing. Signals sent before the card listens are not kept: it reads the saved pin when it starts.
 */
export interface PlaybackListener {
  cue(text: string): void;
  playing(playing: boolean): void;
}

export class PlaybackSignals implements PlaybackListener {
  private listener: PlaybackListener | undefined;
  private isPlaying = false;

  cue(text: string): void {
    this.listener?.cue(text);
  }

  playing(playing: boolean): void {
    this.isPlaying = playing;
    this.listener?.playing(playing);
  }

  /** One listener at a time; it hears at once whether the video plays. Returns how to stop. */
  listen(listener: PlaybackListener): () => void {
    this.listener = listener;
    listener.playing(this.isPlaying);
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }
}
