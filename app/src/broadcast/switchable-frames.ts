/**
 * The frames a live recording encodes, from whichever camera is current: switching cameras while
 * live swaps the source under the running encoder, so the broadcast goes on as one recording. A
 * camera switched to is fitted into the recording's fixed frame (black bars where its shape
 * differs), so the encoded picture keeps its size; while it opens (phones close one camera before
 * opening the other), the last picture is sent again at the camera's rate instead of nothing.
 */
import { cameraFrames } from './camera-frames';
import type { MediaSamples } from './media-samples';

/** How often the last picture is repeated while no camera delivers: the usual 30 fps. */
const HOLD_INTERVAL_MS = 1000 / 30;

export class SwitchableFrames {
  private source: MediaSamples<VideoFrame>;
  private reader: ReadableStreamDefaultReader<VideoFrame>;
  /** The newest picture, kept to be repeated while no camera delivers. */
  private last?: VideoFrame;
  private stopped = false;
  private wake?: () => void;
  /**
   * Changes when frames start coming on another clock (another camera, or the last picture
   * stamped now): the encoder's timeline then continues from the present, not from the stamps.
   */
  clock = 0;
  private holding = false;

  constructor(
    track: MediaStreamTrack,
    private readonly size: { width: number; height: number },
  ) {
    this.source = cameraFrames(track, size);
    this.reader = this.source.readable.getReader();
  }

  /**
   * The next frame to encode (the caller closes it), or undefined once stopped. When the current
   * camera has ended, the last picture again, stamped now, until another camera is switched to.
   */
  async read(): Promise<VideoFrame | undefined> {
    while (!this.stopped) {
      const reader = this.reader;
      const { value, done } = await reader.read();
      if (!done) {
        this.keep(value);
        return value;
      }
      // Switched while reading: read the new camera.
      if (reader !== this.reader) continue;
      if (!this.holding) {
        this.holding = true;
        this.clock++;
      }
      const switched = new Promise<boolean>((resolve) => {
        this.wake = () => resolve(true);
        setTimeout(resolve, HOLD_INTERVAL_MS, false);
      });
      if (!(await switched) && this.last && !this.stopped && reader === this.reader)
        return new VideoFrame(this.last, { timestamp: Math.round(performance.now() * 1000) });
    }
    return undefined;
  }

  /** From now on, frames come from `track` (the previous camera's reading ends). */
  switchTo(track: MediaStreamTrack): void {
    if (this.stopped) return;
    this.release();
    this.source = cameraFrames(track, this.size, { fitted: true });
    this.reader = this.source.readable.getReader();
    this.holding = false;
    this.clock++;
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.release();
    this.last?.close();
    this.last = undefined;
    this.wake?.();
  }

  private keep(frame: VideoFrame): void {
    this.last?.close();
    this.last = frame.clone();
  }

  private release(): void {
    void this.reader.cancel().catch(() => undefined);
    this.source.stop();
  }
}
